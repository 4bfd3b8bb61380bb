// Writes schema.graphql from the code; with --check, fails when the committed file is stale.
import { readFile, writeFile } from 'node:fs/promises';
import { servedSchemaText } from '../src/http/served-schema.js';

const file = new URL('../schema.graphql', import.meta.url);
const printed = servedSchemaText();

if (process.argv.includes('--check')) {
  const committed = await readFile(file, 'utf8').catch(() => '');
  if (committed !== printed) {
    console.error('schema.graphql is stale: run `npm run schema:print` and commit the result.');
    process.exit(1);
  }
  console.log('schema.graphql is up to date.');
} else {
  await writeFile(file, printed);
  console.log('Wrote schema.graphql.');
}
