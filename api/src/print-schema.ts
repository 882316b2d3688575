// `pnpm schema:print`: writes the contract file that agencies and the web build against.
import { writeFile } from 'node:fs/promises';
import { printSchemaContract, contractPath } from './contract.js';

await writeFile(contractPath, printSchemaContract());
console.log(`Wrote ${contractPath}`);
