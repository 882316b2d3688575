// PostGraphile 5 over the same database, its amber preset exposing the public schema as it is:
// the benchmark's peer for what a generated GraphQL API costs.

// PostGraphile 5 declares Node 22 and calls this ES2024 function; on Node 20 without it every
// query silently answers null. Defined here, before PostGraphile loads, for this process only.
const withResolvers = <T>() => {
  let resolve!: (value: T | PromiseLike<T>) => void;
  let reject!: (reason?: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};
(Promise as unknown as { withResolvers?: typeof withResolvers }).withResolvers ??= withResolvers;

const http = await import('node:http');
const { postgraphile } = await import('postgraphile');
const { PostGraphileAmberPreset } = await import('postgraphile/presets/amber');
const { makePgService } = await import('postgraphile/adaptors/pg');
const { grafserv } = await import('postgraphile/grafserv/node');

const pgl = postgraphile({
  extends: [PostGraphileAmberPreset],
  // Conditions and orderings on every column, not only indexed ones: the benchmark asks for
  // ballots by choice and programmes by year like TreEm does.
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ['public'], poolConfig: { max: 10 } })],
  grafserv: { port: Number(process.env.PORT), graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
});
const server = http.createServer();
server.on('error', (error) => {
  console.error(error);
  process.exit(1);
});
pgl.createServ(grafserv).addTo(server);
await pgl.getSchema();
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));

export {};
