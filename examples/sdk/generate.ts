// Generates examples/sdk/src/generated from schema.graphql, and the persisted-operations manifest
// (examples/sdk/persisted-operations.json: the sha256 of each operation as the client prints it, and the
// document) that PERSISTED_OPERATIONS=only serves; with --check, fails when either is stale. Run from the
// repository's root (`npm run sdk:generate`), with this package's own dependencies (`npm ci --prefix examples/sdk`):
// the code generator's packages declare Node 22 and stay out of the API's install.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { print, type DocumentNode } from 'graphql';
import config from './codegen.js';
import { createHash } from 'node:crypto';

const MANIFEST = 'examples/sdk/persisted-operations.json';
/** The hash Apollo's persisted-query protocol names an operation by (as src/http/persisted.ts computes it). */
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

// Plugins are loaded from this package's folder, not from the working directory (the repository's root).
const outputs = (await generate({ ...config, silent: true, pluginLoader: (name: string) => import(name) }, false)) as { filename: string; content: string }[];
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
const generated = (await import('./src/generated/graphql.js')) as Record<string, unknown>;
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
