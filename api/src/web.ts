import { existsSync } from 'node:fs';
import { cp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLIENT_ADDRESS_HEADER } from './app.js';

const webDir = fileURLToPath(new URL('../../web/', import.meta.url));
/** Where `pnpm --filter @treem/web build` writes (`pnpm test` builds into build-test instead). */
export const WEB_BUILD = path.join(webDir, 'build');
export const WEB_TEST_BUILD = path.join(webDir, 'build-test');
// Inside web/ so the build's imports still find web/node_modules.
const servingDir = path.join(webDir, '.serving');

/** adapter-node's handler: Node's own request and response, and what to do with a request it does not serve. */
export type PortalHandler = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

export interface WebHandler {
  handler: PortalHandler;
  /** Removes the private copy, if one was made. */
  dispose(): Promise<void>;
}

/**
 * The portal's adapter-node handler, or undefined when that build does not exist. With
 * `snapshot`, it is served from a private copy made now, so a rebuild of the portal while this
 * server runs (a second `pnpm start`, a developer's build) changes nothing it serves: no
 * vanished files, no half-old, half-new pages.
 */
export async function loadWebHandler({ buildDir = WEB_BUILD, snapshot = false } = {}): Promise<WebHandler | undefined> {
  if (!existsSync(path.join(buildDir, 'handler.js'))) return undefined;
  let dir = buildDir;
  if (snapshot) {
    await removeStaleSnapshots();
    dir = path.join(servingDir, String(process.pid));
    await rm(dir, { recursive: true, force: true });
    await cp(buildDir, dir, { recursive: true });
  }
  // adapter-node assumes https unless a header names the scheme; app.ts sets this header from
  // the connection (or a trusted proxy), so form actions pass SvelteKit's origin check on
  // plain http://localhost as well as behind TLS. Read once, when the handler loads.
  process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
  // The browser's address, as Express worked it out from the trusted proxies (app.ts).
  process.env.ADDRESS_HEADER ??= CLIENT_ADDRESS_HEADER;
  const { handler } = (await import(pathToFileURL(path.join(dir, 'handler.js')).href)) as { handler: PortalHandler };
  return { handler, dispose: () => (snapshot ? rm(dir, { recursive: true, force: true }) : Promise.resolve()) };
}

/** Copies left by servers that were killed before they could remove their own. */
async function removeStaleSnapshots() {
  if (!existsSync(servingDir)) return;
  for (const name of await readdir(servingDir)) {
    const pid = Number(name);
    if (pid === process.pid || !Number.isInteger(pid) || isRunning(pid)) continue;
    await rm(path.join(servingDir, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
