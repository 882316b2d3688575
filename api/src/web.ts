import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RequestHandler } from 'express';

const webBuild = fileURLToPath(new URL('../../web/build/handler.js', import.meta.url));

/** The portal's adapter-node handler, or undefined when `web` has not been built. */
export async function loadWebHandler(): Promise<RequestHandler | undefined> {
  if (!existsSync(webBuild)) return undefined;
  // adapter-node assumes https unless a header names the scheme; app.ts sets this header from
  // the connection (or a trusted proxy), so form actions pass SvelteKit's origin check on
  // plain http://localhost as well as behind TLS. Read once, when the handler loads.
  process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
  const { handler } = (await import(pathToFileURL(webBuild).href)) as { handler: RequestHandler };
  return handler;
}
