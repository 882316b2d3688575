// `pnpm population-db:stand-in --data <extract.csv|json> [--port 4510] [--token <t>]`: runs the
// stand-in population database on an extract (the same formats `pnpm register import` reads),
// so `POPULATION_DB_URL=http://127.0.0.1:4510 POPULATION_DB_TOKEN=<t> pnpm register sync` can be
// tried by hand. For demos and development only: it is not the national database.
import { parseArgs } from 'node:util';
import { userPath } from '../../api/src/cli/files.js';
import { loadExtract } from '../../api/src/modules/children/connector/file.js';
import { startPopulationDb } from './population-db.js';

const { values } = parseArgs({ options: { data: { type: 'string' }, port: { type: 'string' }, token: { type: 'string' } } });
if (!values.data) {
  console.error('Usage: pnpm population-db:stand-in --data <extract.csv|json> [--port 4510] [--token <token>]');
  process.exit(1);
}
const extract = await loadExtract(userPath(values.data));
const standIn = await startPopulationDb({
  persons: new Map([...extract.persons].map(([number, person]) => [number, { birthDate: person.birthDate }])),
  token: values.token ?? 'stand-in-token',
  port: Number(values.port ?? 4510),
});
console.log(`Stand-in population database on ${standIn.url} with ${extract.persons.size} persons (token "${standIn.token}"); ${extract.problems.length} rows left out. Ctrl-C stops it.`);
