// What a page makes the browser download as JavaScript, gzipped: the modules its HTML names
// (module preloads and the inline start-up script's imports), the route's nodes that SvelteKit
// starts with (`node_ids`, loaded through the app entry's dynamic imports), and every module
// they import statically, each counted once. Other dynamic imports (other pages) are not followed.
import { gzipSync } from 'node:zlib';

const STATIC_IMPORT = /(?:from|import)\s*["']([^"']+\.js)["']/g;
const LINK = /<link\b[^>]*>/g;
const HREF = /href="([^"]+)"/;
const INLINE_IMPORT = /import\(["']([^"']+\.js)["']\)/g;

export async function pageJavaScript(url: string, init: RequestInit = {}): Promise<{ files: Map<string, number>; gzipped: number }> {
  const html = await (await fetch(url, init)).text();
  const preloads = [...html.matchAll(LINK)].filter((m) => m[0].includes('modulepreload')).map((m) => HREF.exec(m[0])?.[1]);
  const inline = [...html.matchAll(INLINE_IMPORT)].map((m) => m[1]);
  const pending = [...preloads, ...inline].filter((href): href is string => Boolean(href)).map((href) => new URL(href, url).href);
  const nodeIds = /node_ids:\s*\[([\d,\s]*)\]/.exec(html)?.[1]?.split(',').map((id) => id.trim()) ?? [];
  const files = new Map<string, number>();
  while (pending.length > 0) {
    const href = pending.pop()!;
    if (files.has(href)) continue;
    const response = await fetch(href);
    if (!response.ok) throw new Error(`${href}: ${response.status}`);
    const code = Buffer.from(await response.arrayBuffer());
    files.set(href, gzipSync(code).length);
    const text = code.toString('utf8');
    for (const m of text.matchAll(STATIC_IMPORT)) pending.push(new URL(m[1]!, href).href);
    for (const id of nodeIds) {
      const node = new RegExp(`["']([^"']*nodes/${id}\\.[^"']+\\.js)["']`).exec(text);
      if (node) pending.push(new URL(node[1]!, href).href);
    }
  }
  return { files, gzipped: [...files.values()].reduce((sum, size) => sum + size, 0) };
}
