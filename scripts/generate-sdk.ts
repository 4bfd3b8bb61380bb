// Generates examples/sdk/src/generated from schema.graphql, and the persisted-operations manifest
// (examples/sdk/persisted-operations.json: the sha256 of each operation as the client prints it, and the
// document) that PERSISTED_OPERATIONS=only serves; with --check, fails when either is stale.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { print, type DocumentNode } from 'graphql';
import config from '../examples/sdk/codegen.js';
import { sha256 } from '../src/http/persisted.js';

const MANIFEST = 'examples/sdk/persisted-operations.json';

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

// The documents just written (or checked current), printed as the client sends them.
const generated = (await import('../examples/sdk/src/generated/graphql.js')) as Record<string, unknown>;
const documents = Object.values(generated).filter((v): v is DocumentNode => (v as DocumentNode | null)?.kind === 'Document').map((d) => print(d));
const manifest = `${JSON.stringify(Object.fromEntries(documents.map((d) => [sha256(d), d]).sort(([a], [b]) => a!.localeCompare(b!))), null, 2)}\n`;
if (process.argv.includes('--check')) {
  if ((await readFile(MANIFEST, 'utf8').catch(() => '')) !== manifest) {
    console.error(`${MANIFEST} is stale: run \`npm run sdk:generate\`.`);
    process.exit(1);
  }
} else {
  await writeFile(MANIFEST, manifest);
  console.log(`Wrote ${MANIFEST} (${documents.length} operations).`);
}
