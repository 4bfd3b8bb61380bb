// Prints the README's configuration table from the environment's schema (src/config.ts); with --write,
// puts it in README.md in place of the current one (test/config.test.ts holds the two equal).
import { readFileSync, writeFileSync } from 'node:fs';
import { ENVIRONMENT } from '../src/config.js';

const HEADER = '| variable | default | meaning |';
const rows = Object.entries(ENVIRONMENT).map(([name, v]) => `| \`${name}\` | ${v.default === undefined ? 'unset' : `\`${v.default}\``} | ${v.meaning} |`);
const table = [HEADER, '| --- | --- | --- |', ...rows].join('\n');

if (process.argv.includes('--write')) {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf(HEADER);
  if (start < 0) throw new Error(`README.md has no table headed ${HEADER}`);
  const end = readme.indexOf('\n\n', start);
  writeFileSync('README.md', readme.slice(0, start) + table + readme.slice(end));
} else {
  console.log(table);
}
