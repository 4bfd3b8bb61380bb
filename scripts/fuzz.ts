// `npm run fuzz -- [--seed N] [--count 2000]`: starts the server (in-memory database, its own process,
// loopback), then sends operations built from schema.graphql (random selections with random argument
// values, hostile strings among them) and mutations of them (characters cut, tokens repeated, numbers
// pushed to extremes, documents truncated). Passes when no answer is a 5xx or INTERNAL_SERVER_ERROR,
// the process stays up, and /health answers throughout. The same seed sends the same operations.
// Failures are written to fuzz-failures.json with the seed to replay them.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { seededRandom } from '../src/values/random.js';
import {
  buildSchema, getNamedType, isEnumType, isInputObjectType, isInterfaceType, isLeafType, isListType, isNonNullType, isObjectType,
  isScalarType, isUnionType, type GraphQLArgument, type GraphQLInputType, type GraphQLNamedType, type GraphQLObjectType,
} from 'graphql';

const { values: args } = parseArgs({ options: { seed: { type: 'string', default: '1' }, count: { type: 'string', default: '2000' } } });
const SEED = Number(args.seed);
const COUNT = Number(args.count);

const seeded = seededRandom(SEED || 1);
const random = seeded.next;
const int = (n: number) => Math.floor(random() * n);
const pick = seeded.pick;

const schema = buildSchema(readFileSync('schema.graphql', 'utf8'));
const HOSTILE = ['', 'jnim', 'JNIM', 'Jama\'at', '\u0000', '\ud800', "'; DROP TABLE \"Organization\"; --", '.*+?^${}()|[]\\', '%_%', '\u3300'.repeat(200),
  'x'.repeat(5_000), '2019', '2019-02-30', '../2020', '~1958', 'bm90LWFuLWlk', 'T3JnYW5pemF0aW9uOjE=', '🙂', 'é', '\n\t', 'null', '[]', '{}'];
// Every range's edges and beyond them: zero, negative (a negative page size once made a cost negative), huge.
const NUMBERS = [0, 1, -1, -50, -500, -1000, 10, 50, 51, 100, 101, 500, 501, 1000, 1001, 2 ** 31 - 1, -(2 ** 31), 1.5, -0.5, 1e308, -1e308];

function literal(type: GraphQLInputType, depth = 0): string {
  if (isNonNullType(type)) return literal(type.ofType, depth);
  if (isListType(type)) return `[${Array.from({ length: int(3) }, () => literal(type.ofType, depth + 1)).join(', ')}]`;
  if (isEnumType(type)) return random() < 0.05 ? 'NOT_A_VALUE' : pick(type.getValues()).name;
  if (isInputObjectType(type)) {
    if (depth > 2) return '{}';
    const fields = Object.values(type.getFields()).filter(() => random() < 0.4);
    return `{ ${fields.map((f) => `${f.name}: ${literal(f.type, depth + 1)}`).join(', ')} }`;
  }
  if (isScalarType(type)) {
    if (type.name === 'Int' || type.name === 'Float') return String(pick(NUMBERS));
    if (type.name === 'Boolean') return pick(['true', 'false']);
    return JSON.stringify(pick(HOSTILE));
  }
  return 'null';
}

function argumentsOf(list: readonly GraphQLArgument[]): string {
  const chosen = list.filter((a) => isNonNullType(a.type) || random() < 0.35);
  return chosen.length ? `(${chosen.map((a) => `${a.name}: ${literal(a.type)}`).join(', ')})` : '';
}

function selection(type: GraphQLNamedType, depth: number): string {
  if (isLeafType(type)) return '';
  if (isUnionType(type) || isInterfaceType(type)) {
    const members = isUnionType(type) ? type.getTypes() : schema.getPossibleTypes(type);
    return `{ __typename ${members.filter(() => random() < 0.5).map((m) => `... on ${m.name} ${selection(m, depth)}`).join(' ')} }`;
  }
  const fields = Object.values((type as GraphQLObjectType).getFields());
  const chosen = fields.filter(() => random() < (depth > 3 ? 0.15 : 0.3)).slice(0, 6);
  if (chosen.length === 0) chosen.push(fields.find((f) => isLeafType(getNamedType(f.type))) ?? fields[0]!);
  const parts = chosen.map((f) => {
    const inner = getNamedType(f.type);
    if (!isLeafType(inner) && depth >= 6) return '__typename';
    return `${random() < 0.1 ? `a${int(100)}: ` : ''}${f.name}${argumentsOf(f.args)} ${selection(inner, depth + 1)}`;
  });
  return `{ ${parts.join(' ')} }`;
}

function generated(): string {
  const root = schema.getQueryType()!;
  const fields = Object.values(root.getFields());
  return `{ ${Array.from({ length: 1 + int(2) }, () => {
    const f = pick(fields);
    return `${f.name}${argumentsOf(f.args)} ${selection(getNamedType(f.type), 1)}`;
  }).join(' ')} }`;
}

const MUTATIONS: ((q: string) => string)[] = [
  (q) => q.slice(0, int(q.length)),
  (q) => {
    const i = int(q.length);
    return q.slice(0, i) + q.slice(i + 1 + int(5));
  },
  (q) => {
    const i = int(q.length);
    return q.slice(0, i) + pick(['{', '}', '(', ')', ':', '...', '@skip(if: true)', '$x', '"', '#', '\\u0000']) + q.slice(i);
  },
  (q) => q.replace(/\d+/g, () => String(pick(NUMBERS))),
  (q) => q.replace(/"[^"]*"/, JSON.stringify(pick(HOSTILE))),
  (q) => q.replace(/\{/, `{ ${'__typename '.repeat(int(50))}`),
  (q) => `${q} ${q}`,
  (q) => `query Q($v: String) ${q.replace(/"[^"]*"/, '$v')}`,
];

const sdk = readFileSync('examples/sdk/persisted-operations.json', 'utf8');
const seeds = Object.values(JSON.parse(sdk) as Record<string, string>);

function operation(): { query: string; variables?: Record<string, unknown> } {
  const base = random() < 0.3 ? pick(seeds) : generated();
  const mutated = random() < 0.5 ? pick(MUTATIONS)(base) : base;
  return random() < 0.3 ? { query: mutated, variables: { slug: pick(HOSTILE), first: pick(NUMBERS), v: pick(HOSTILE), filter: { from: pick(HOSTILE) } } } : { query: mutated };
}

const port = 20_000 + int(20_000);
const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  env: { ...process.env, DATABASE_URL: 'memory://', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error', RATE_LIMIT_COST_PER_MINUTE: '1000000000' },
  stdio: ['ignore', 'ignore', 'pipe'],
});
let serverErrors = '';
child.stderr.on('data', (d) => (serverErrors += d));
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  if (child.exitCode !== null) throw new Error(`the server exited before it was ready:\n${serverErrors}`);
  if (await fetch(`${base}/ready`).then((r) => r.ok, () => false)) break;
  if (i > 240) throw new Error('the server did not become ready in 60 s');
  await new Promise((r) => setTimeout(r, 250));
}

function costOf(text: string): { requested: number; remaining?: number; budget?: number } | undefined {
  try {
    return (JSON.parse(text) as { extensions?: { cost?: { requested: number } } }).extensions?.cost;
  } catch {
    return undefined;
  }
}

const failures: { operation: object; status: number; body: string }[] = [];
const byStatus = new Map<string, number>();
const started = performance.now();
for (let n = 0; n < COUNT; n++) {
  const op = operation();
  let status = 0;
  let text = '';
  try {
    const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(op) });
    status = response.status;
    text = await response.text();
  } catch (error) {
    text = String(error);
  }
  const code = /"code":"([A-Z_]+)"/.exec(text)?.[1] ?? (text.includes('"data"') ? 'data' : '-');
  byStatus.set(`${status} ${code}`, (byStatus.get(`${status} ${code}`) ?? 0) + 1);
  if (status === 0 || status >= 500 || text.includes('INTERNAL_SERVER_ERROR')) failures.push({ operation: op, status, body: text.slice(0, 500) });
  // A cost below zero, or a budget credited past its size, would let a client buy what it did not pay for.
  const cost = costOf(text);
  if (cost && (cost.requested < 0 || (cost.remaining !== undefined && cost.remaining > cost.budget!))) failures.push({ operation: op, status, body: `cost ${JSON.stringify(cost)}` });
  if (n % 100 === 99 && !(await fetch(`${base}/health`).then((r) => r.ok, () => false))) failures.push({ operation: { health: n }, status: 0, body: '/health did not answer' });
}
const alive = child.exitCode === null && (await fetch(`${base}/health`).then((r) => r.ok, () => false));
child.kill('SIGTERM');
const seconds = (performance.now() - started) / 1000;
console.log(`fuzz --seed ${SEED}: ${COUNT} operations in ${seconds.toFixed(1)} s; answers by status and code:`);
for (const [key, n] of [...byStatus].sort((a, b) => b[1] - a[1])) console.log(`  ${key}: ${n}`);
if (failures.length > 0 || !alive) {
  writeFileSync('fuzz-failures.json', JSON.stringify({ seed: SEED, alive, failures }, null, 2));
  console.error(`${failures.length} failure(s)${alive ? '' : ', and the server is down'}: written to fuzz-failures.json`);
  process.exit(1);
}
console.log('no 5xx, no INTERNAL_SERVER_ERROR; the server stayed up and /health answered throughout.');
