// Counts the SQL statements a server really sends, whatever its client library: a TCP relay
// between the server and PostgreSQL that reads the frontend side of the wire protocol and counts
// each simple Query ('Q') and each Execute ('E') of the extended protocol. It sits in the path
// only while statements are counted, never while requests are timed.
import net from 'node:net';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

export interface StatementCounter {
  /** A connection string like `url` but through the relay. */
  url: string;
  /** Statements seen so far, over all connections. */
  readonly statements: number;
  close(): Promise<void>;
}

export async function startCounter(url: string, port: number): Promise<StatementCounter> {
  const target = new URL(url);
  const upstream = { host: target.hostname, port: Number(target.port || 5432) };
  let statements = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const server = net.connect(upstream);
    sockets.add(client).add(server);
    let startup = true;
    let head: number[] = [];
    let skip = 0;
    client.on('data', (chunk: Buffer) => {
      let at = 0;
      while (at < chunk.length) {
        if (skip > 0) {
          const n = Math.min(skip, chunk.length - at);
          skip -= n;
          at += n;
          continue;
        }
        // Startup-phase messages have no type byte: length and a code; later ones a type and length.
        const need = startup ? 8 : 5;
        while (head.length < need && at < chunk.length) head.push(chunk[at++]!);
        if (head.length < need) break;
        const bytes = Buffer.from(head);
        head = [];
        if (startup) {
          const code = bytes.readInt32BE(4);
          skip = bytes.readInt32BE(0) - 8;
          if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) startup = false;
        } else {
          const type = String.fromCharCode(bytes[0]!);
          if (type === 'Q' || type === 'E') statements += 1;
          skip = bytes.readInt32BE(1) - 4;
        }
      }
      server.write(chunk);
    });
    server.on('data', (chunk) => client.write(chunk));
    const close = () => {
      client.destroy();
      server.destroy();
      sockets.delete(client);
      sockets.delete(server);
    };
    client.on('close', close).on('error', close);
    server.on('close', close).on('error', close);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  const relayed = new URL(url);
  relayed.hostname = '127.0.0.1';
  relayed.port = String(port);
  return {
    url: relayed.href,
    get statements() {
      return statements;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
