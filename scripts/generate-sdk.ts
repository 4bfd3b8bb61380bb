// Generates examples/sdk/src/generated from schema.graphql; with --check, fails when it is stale.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import config from '../examples/sdk/codegen.js';

const outputs = (await generate({ ...config, silent: true }, false)) as { filename: string; content: string }[];
let stale = false;
for (const { filename, content } of outputs) {
  if (process.argv.includes('--check')) {
    const current = await readFile(filename, 'utf8').catch(() => '');
    if (current !== content) {
      console.error(`${filename} is stale: run \`npm run sdk:generate\`.`);
      stale = true;
    }
  } else {
    await mkdir(dirname(filename), { recursive: true });
    await writeFile(filename, content);
    console.log(`Wrote ${filename}.`);
  }
}
if (stale) process.exit(1);
