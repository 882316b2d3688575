// A stand-in for the national population database, which cannot exist here: a real HTTP
// server speaking the protocol of docs/POPULATION-DATABASE.md, with faults on demand
// (timeouts, 500s, 429s, malformed rows) for the connector's tests and for demos.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInPerson {
  birthDate: string;
}

export interface Faults {
  /** The next N requests answer 500. */
  serverErrors: number;
  /** The next N requests answer 429 with Retry-After: 0. */
  rateLimits: number;
  /** The next N requests wait this long before answering (longer than the client's timeout). */
  slow: { requests: number; ms: number };
  /** Numbers whose row is answered malformed (an unknown status). */
  malformed: Set<string>;
}

export interface StandIn {
  url: string;
  token: string;
  persons: Map<string, StandInPerson>;
  faults: Faults;
  /** Every verification request that got an answer computed (replays excluded): its numbers. */
  answered: string[][];
  /** Every request received, faults included. */
  received: number;
  close(): Promise<void>;
}

const MAX_BATCH = 100;

export async function startPopulationDb({ persons = new Map(), token = 'stand-in-token', port = 0 }: { persons?: Map<string, StandInPerson>; token?: string; port?: number } = {}): Promise<StandIn> {
  const faults: Faults = { serverErrors: 0, rateLimits: 0, slow: { requests: 0, ms: 0 }, malformed: new Set() };
  const answered: string[][] = [];
  const replies = new Map<string, string>();
  const state = { received: 0 };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (req.method === 'GET' && req.url === '/healthz') return send(res, 200, { ok: true });
    if (req.method !== 'POST' || req.url !== '/v1/verifications') return send(res, 404, { error: 'NOT_FOUND' });
    state.received++;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.headers.authorization !== `Bearer ${token}`) return send(res, 401, { error: 'UNAUTHORIZED' });
    if (faults.slow.requests > 0) {
      faults.slow.requests--;
      await new Promise((resolve) => setTimeout(resolve, faults.slow.ms));
    }
    if (faults.serverErrors > 0) {
      faults.serverErrors--;
      return send(res, 500, { error: 'INTERNAL' });
    }
    if (faults.rateLimits > 0) {
      faults.rateLimits--;
      return send(res, 429, { error: 'RATE_LIMITED' }, { 'retry-after': '0' });
    }
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !/^[\w-]{16,128}$/.test(key)) return send(res, 400, { error: 'IDEMPOTENCY_KEY_REQUIRED' });
    const replay = replies.get(key);
    if (replay) return send(res, 200, replay, { 'idempotent-replay': 'true' });

    let body: { persons?: { ref?: unknown; personalNumber?: unknown; birthDate?: unknown }[] };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return send(res, 400, { error: 'BAD_JSON' });
    }
    if (!Array.isArray(body.persons) || body.persons.length > MAX_BATCH) return send(res, 400, { error: 'BAD_BATCH' });
    const results = body.persons.map((p) => {
      const number = String(p.personalNumber);
      if (faults.malformed.has(number)) return { ref: p.ref, status: 'PERHAPS' };
      const person = persons.get(number);
      if (!person) return { ref: p.ref, status: 'NOT_FOUND' };
      if (person.birthDate !== p.birthDate) return { ref: p.ref, status: 'MISMATCH', mismatch: ['birthDate'] };
      return { ref: p.ref, status: 'MATCHED' };
    });
    answered.push(body.persons.map((p) => String(p.personalNumber)));
    const reply = JSON.stringify({ results });
    replies.set(key, reply);
    send(res, 200, reply);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { error: 'INTERNAL' }));
  });
  server.listen(port, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    token,
    persons,
    faults,
    answered,
    get received() {
      return state.received;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
