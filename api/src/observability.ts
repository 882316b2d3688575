import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Logger, type DestinationStream } from 'pino';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Pool } from 'pg';

export type { Logger };

/**
 * Everything that could identify a person or open a session is cut from logs, wherever it
 * appears: passwords, tokens, cookies, session ids, and usernames (children's among them).
 * GraphQL variables are never logged at all.
 */
const redact = {
  paths: [
    'req.headers.cookie',
    'req.headers.authorization',
    'req.headers["x-api-key"]',
    'res.headers["set-cookie"]',
    '*.password',
    '*.token',
    '*.username',
    '*.sessionId',
    '*.variables',
  ],
  censor: '[redacted]',
};

/**
 * JSON lines on stdout (LOG_LEVEL, default info; silent under tests unless asked). Written
 * asynchronously: under load, lines that arrive while a write is under way go out together
 * with the next one, not one blocking system call per request; pino flushes what is left when
 * the process exits.
 */
export function createLogger(destination: DestinationStream = pino.destination({ dest: 1, sync: false })): Logger {
  const level = process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info');
  return pino({ level, redact, base: { service: 'treem-hub' }, formatters: { level: (label) => ({ level: label }) } }, destination);
}

// A caller's X-Request-Id is kept when it looks like an id (so a proxy's id follows the request
// through), replaced otherwise: it goes into logs and headers, so it must not carry anything else.
const requestIdPattern = /^[A-Za-z0-9._:-]{8,100}$/;

declare module 'node:http' {
  interface IncomingMessage {
    /** This request's logger: every line it writes carries the request id. */
    log: Logger;
  }
}

/**
 * One access line per request when its answer has gone out, and `req.log` for anything logged
 * while serving it. The child logger is made only when something is logged through it: most
 * requests log nothing but their access line, and a child per request was a measurable share of
 * a small query's cost (`pnpm bench`). Returns the request's trace: what GraphQL fills in (the
 * operation's name) appears on the line.
 */
export function requestLogging(logger: Logger) {
  // The access line is made of fields that cannot hold anything to redact (a checked id, the
  // method, the path without its query string, the status, an operation's GraphQL name), so it
  // skips the redaction pass, which was two thirds of writing it.
  const access = logger.child({}, { redact: [] });
  return (req: IncomingMessage, res: ServerResponse): OperationTrace => {
    const started = performance.now();
    const trace: OperationTrace = {};
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && requestIdPattern.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', { configurable: true, get: () => (child ??= logger.child({ requestId })) });
    res.once('finish', () => {
      const status = res.statusCode;
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      if (!access.isLevelEnabled(level)) return;
      // Only what an operator needs: never the query string (it can hold GraphQL variables) or headers.
      access[level]({
        requestId,
        req: { method: req.method, path: ((req as { originalUrl?: string }).originalUrl ?? req.url ?? '').split('?')[0] },
        res: { status },
        responseTime: Math.round(performance.now() - started),
        ...(trace.name ? { operation: trace.name } : {}),
      }, 'request completed');
    });
    return trace;
  };
}

/** Filled by the GraphQL plugin so the access log line names the operation. */
export interface OperationTrace {
  name?: string;
}

/** Operation names come from clients: bounded so a stream of made-up names cannot grow memory. */
const MAX_OPERATION_LABELS = 200;

export interface Metrics {
  registry: Registry;
  operationLabel(name: string | null | undefined): string;
  requests: Counter<'operation'>;
  errors: Counter<'operation' | 'code'>;
  duration: Histogram<'operation'>;
}

export function createMetrics({ pool }: { pool?: Pool } = {}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'treem_' });
  const requests = new Counter({ name: 'treem_graphql_requests_total', help: 'GraphQL operations received', labelNames: ['operation'], registers: [registry] });
  const errors = new Counter({ name: 'treem_graphql_errors_total', help: 'GraphQL errors returned, by code', labelNames: ['operation', 'code'], registers: [registry] });
  const duration = new Histogram({
    name: 'treem_graphql_duration_seconds',
    help: 'Time to answer a GraphQL operation',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  if (pool) {
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({ name, help, registers: [registry], collect() { this.set(read()); } });
    gauge('treem_db_pool_connections', 'Database connections open in the pool', () => pool.totalCount);
    gauge('treem_db_pool_idle', 'Idle database connections in the pool', () => pool.idleCount);
    gauge('treem_db_pool_waiting', 'Queries waiting for a database connection', () => pool.waitingCount);
  }
  const seen = new Set<string>();
  return {
    registry,
    requests,
    errors,
    duration,
    operationLabel(name) {
      if (!name || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'anonymous';
      if (seen.has(name)) return name;
      if (seen.size >= MAX_OPERATION_LABELS) return 'other';
      seen.add(name);
      return name;
    },
  };
}
