// Load generation with autocannon, plus what the benchmark needs around it: requests that vary
// (councils in turn, one member per ballot), the server's memory while it runs, and statements
// counted one request at a time.
import autocannon from 'autocannon';
import type { HttpRequest } from './operations.js';
import type { Server } from './servers.js';
import type { StatementCounter } from './counter.js';

export interface Figures {
  rate: number;
  p50: number;
  p99: number;
  /** Largest resident memory seen while it ran, bytes. */
  rss: number;
  requests: number;
  failures: number;
}

export async function send(server: Server, request: HttpRequest) {
  const res = await fetch(server.url + request.path, { method: request.method, headers: request.headers, body: request.body, redirect: 'manual' });
  const text = await res.text();
  return { status: res.status, text };
}

/**
 * Fires requests with `connections` at a time, for `duration` seconds or until `amount` have
 * been sent. `onAnswer` sees each answer with the index of the request it answers.
 */
export async function load({ server, request, connections, duration, amount, onAnswer }: {
  server: Server;
  request: (i: number) => HttpRequest;
  connections: number;
  duration?: number;
  amount?: number;
  onAnswer?: (i: number, status: number, body: string) => void;
}): Promise<Figures> {
  let next = 0;
  // A burst's own span, first request sent to last answer in: autocannon ends a run of a set
  // amount only on its one-second tick, so its duration would round every burst up to whole
  // seconds (two contenders finishing in 1.2 s and 1.9 s would both read 2 s).
  let firstSent = 0;
  let lastAnswered = 0;
  let rss = await server.rss();
  const sampler = setInterval(() => void server.rss().then((now) => (rss = Math.max(rss, now))), 200);
  try {
    const result = await autocannon({
      url: server.url,
      connections,
      ...(amount !== undefined ? { amount } : { duration: duration ?? 5 }),
      requests: [
        {
          setupRequest: (req, context) => {
            const i = next++;
            if (i === 0) firstSent = performance.now();
            (context as { i: number }).i = i;
            const r = request(i);
            return { ...req, method: r.method, path: r.path, headers: r.headers ?? {}, body: r.body };
          },
          onResponse: (status, body, context) => {
            lastAnswered = performance.now();
            onAnswer?.((context as { i: number }).i, status, body);
          },
        },
      ],
    });
    rss = Math.max(rss, await server.rss());
    return {
      rate: amount !== undefined ? result.requests.total / ((lastAnswered - firstSent) / 1000) : result.requests.total / result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      rss,
      requests: result.requests.total,
      failures: result.non2xx + result.errors + result.timeouts,
    };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * SQL statements of one request: sent one after another, each counted by the relay from just
 * before it to just before the next; the median over `times` requests, so a background
 * statement (the job queue polling) that lands between two requests does not count.
 */
export async function statementsPerRequest({ server, counter, request, times = 9 }: { server: Server; counter: StatementCounter; request: (i: number) => HttpRequest; times?: number }) {
  const counts: number[] = [];
  for (let i = 0; i < times + 2; i += 1) {
    const before = counter.statements;
    const { status } = await send(server, request(i));
    if (status >= 400) throw new Error(`${server.name} answered ${status} while counting statements`);
    // Work a server does after answering (it should do none) is counted too.
    await new Promise((resolve) => setTimeout(resolve, 30));
    if (i >= 2) counts.push(counter.statements - before);
  }
  counts.sort((a, b) => a - b);
  return counts[Math.floor(counts.length / 2)]!;
}
