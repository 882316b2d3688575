import type { RequestEvent } from '@sveltejs/kit';

/** What the portal's server code writes to the log: fields first, then the message, as pino. */
export interface PortalLog {
	warn(fields: Record<string, unknown>, message: string): void;
	error(fields: Record<string, unknown>, message: string): void;
}

// Under Vite, or beside an API elsewhere (API_URL), no request logger is passed in.
const consoleLog: PortalLog = {
	warn: (fields, message) => console.warn(message, fields),
	error: (fields, message) => console.error(message, fields)
};

/**
 * The page request's own logger when the API serves this portal (api/src/observability.ts puts
 * it on the request adapter-node passes as `platform.req`): one JSON line on stdout carrying the
 * request's id, like every other line of the server, never a stack on stderr.
 */
export function requestLog(event: Pick<RequestEvent, 'platform'>): PortalLog {
	return (event.platform as { req?: { log?: PortalLog } } | undefined)?.req?.log ?? consoleLog;
}
