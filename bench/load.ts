// `npm run bench:load -- --db postgres|pglite [--coalitions 500] [--seconds 10] [--connections 16] [--rounds 2]`:
// throughput and latency under concurrent load, over HTTP on loopback. It prepares a database (the seed
// plus generated coalitions, kept between runs), builds the API (`npm run build`) and starts the
// servers as child processes as production would (`dist/main.js`), and drives them
// from this process with autocannon, alternating servers question by question, for `--rounds` rounds.
// `--db postgres`: this API; the same API with naive loaders (LOADERS=naive: one statement per parent);
// PostGraphile v4 on the same database; for `{ __typename }` also graphql-yoga without this API's plugins
// (bench/yoga-floor.ts), the floor of any Yoga server. `--db pglite`: this API on PGlite in a worker thread, on PGlite
// in the server's thread, and on server PostgreSQL with the same data (prepared as well), the baseline. Before measuring, each server's answer to each
// question is checked to be the same data as this API's. Each run also reads, from /proc, the CPU time
// of the server process and of the PostgreSQL server's processes per answered request: on a shared
// machine req/s moves within minutes, CPU per request much less. Prints a table and writes
// bench/results/<date>-<db>-c<coalitions>.json (-2, -3... for later runs that day). Needs `npm ci --prefix bench/peer` (autocannon, PostGraphile).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { defaultPoolSize } from '../src/config.js';
import { openDatabase, type Database } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { dataset } from '../src/seed/data/index.js';
import { rebuildSearchIndex } from '../src/search/indexer.js';
import { loadSeed } from '../src/seed/load.js';
import { loadSynthetic, SCALES, type Scale } from '../src/seed/synthetic.js';
import { README_OPERATIONS } from './operations.js';
import { syntheticDataset } from './synthetic-graph.js';

const ROOT = new URL('..', import.meta.url).pathname;
const PEER = join(ROOT, 'bench', 'peer');
if (!existsSync(join(PEER, 'node_modules', 'autocannon'))) {
  console.error('bench:load needs the load generator and the baseline: run `npm ci --prefix bench/peer` first.');
  process.exit(2);
}
const peerRequire = createRequire(join(PEER, 'package.json'));
const autocannon = peerRequire('autocannon') as (options: Record<string, unknown>) => AutocannonInstance;
interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgres' },
    coalitions: { type: 'string', default: '500' },
    scale: { type: 'string' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '2' },
    only: { type: 'string' },
  },
});
const DB = args.db === 'pglite' ? 'pglite' : 'postgres';
const COALITIONS = Number(args.coalitions);
/** `--scale S|M`: the seed plus `npm run seed:synthetic` at that scale instead of `--coalitions`. */
const SCALE = args.scale === undefined ? undefined : (args.scale.toUpperCase() as Scale);
if (SCALE !== undefined && !(SCALE in SCALES)) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
const COALITION_SLUG = SCALE ? 's42-coalition-7' : 'coalition-7';
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const ROUNDS = Number(args.rounds);
/** Connections of every server to a server PostgreSQL: this API's default, given to PostGraphile too. */
const POOL_SIZE = defaultPoolSize();
const SERVER_URL = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';

// ---------------------------------------------------------------------------------------------
// The questions, as this API and PostGraphile ask them, and what of each answer must agree.

interface Person { name: string; aliases: string[] }
interface Coalition { name: string; aliases: string[]; components: { slug: string; leaders: Person[] }[] }
const sorted = <T>(items: T[], key: (t: T) => string) => [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
const names = (list: { name: string }[]) => list.map((a) => a.name).sort();
const coalition = (c: Coalition): Coalition => ({
  name: c.name,
  aliases: [...c.aliases].sort(),
  components: sorted(c.components, (x) => x.slug).map((x) => ({ slug: x.slug, leaders: sorted(x.leaders, (l) => l.name).map((l) => ({ name: l.name, aliases: [...l.aliases].sort() })) })),
});

const OURS_COALITION = `name aliases { name } components { slug leaders { person { name aliases { name } } } }`;
const PEER_COALITION = `name aliases: aliasesByOrganizationId { nodes { name } }
  components: organizationRelationsByToId(condition: { type: COMPONENT_OF }) { nodes { from { slug
    leaders: membershipsByOrganizationId(condition: { role: LEADER }) { nodes { person { name aliases: aliasesByPersonId { nodes { name } } } } } } } }`;
type Json = Record<string, any>;
const oursCoalition = (o: Json): Coalition => coalition({
  name: o.name, aliases: names(o.aliases),
  components: o.components.map((c: Json) => ({ slug: c.slug, leaders: c.leaders.map((l: Json) => ({ name: l.person.name, aliases: names(l.person.aliases) })) })),
});
const peerCoalition = (o: Json): Coalition => coalition({
  name: o.name, aliases: names(o.aliases.nodes),
  components: o.components.nodes.map((r: Json) => ({
    slug: r.from.slug,
    leaders: r.from.leaders.nodes.map((m: Json) => ({ name: m.person.name, aliases: names(m.person.aliases.nodes) })),
  })),
});

interface Question {
  name: string;
  ours: string;
  peer: string;
  /** The answer reduced to what both APIs must agree on. */
  oursAnswer: (data: Json) => unknown;
  peerAnswer: (data: Json) => unknown;
  /** Also asked of graphql-yoga without this API's plugins (bench/yoga-floor.ts), the least work a Yoga server does. */
  floor?: boolean;
  /** SQL statements PostGraphile sends for it (one per root field); 1 when left out. */
  peerStatements?: number;
  /** Reads every row of a large table by design (an aggregate over all of it): EXPLAIN's sequential scans are not findings. */
  wholeTable?: boolean;
}

const FLOOR = 'graphql-yoga, no plugins';

const README = {
  example: 'GraphiQL example (JNIM components, leaders, citations)',
  transitive: '50 coalitions → transitive components → leaders → person → aliases',
  incidents: 'incidents page, filtered, with perpetrators and citations',
  stats: 'incidentStats by year',
} as const satisfies Record<string, keyof typeof README_OPERATIONS>;

const PEER_TERM = 'startEarliest startLatest startPrecision startQualifier endEarliest endLatest endPrecision endQualifier';
const PEER_PERSON = 'name status diedEarliest diedLatest diedPrecision diedQualifier';
const quotes = (list: Json[]) => list.map((c) => String(c.quote)).sort();
function example(name: string, aliases: Json[], current: { name: string; citations: Json[] }[], components: Json[]) {
  return {
    name,
    aliases: aliases.map((a) => `${a.name} ${a.kind} ${a.language}`).sort(),
    current: sorted(current.map((l) => ({ name: l.name, citations: quotes(l.citations) })), (l) => l.name),
    components: sorted(components.map((c) => ({ slug: c.slug, name: c.name, kind: c.kind, leaders: [...c.leaders].sort(), citations: quotes(c.citations) })), (c) => c.slug),
  };
}

/** How deep `components(transitive: true)` descends by default (its `maxDepth`). */
const MAX_DEPTH = 5;
const PEER_LEADERS = 'leaders: membershipsByOrganizationId(condition: { role: LEADER }) { nodes { person { name aliases: aliasesByPersonId { nodes { name } } } } }';
/** PostGraphile's components `depth` levels down, each with its leaders. */
const peerComponents = (depth: number): string =>
  depth === 0 ? '' : `components: organizationRelationsByToId(condition: { type: COMPONENT_OF }) { nodes { from { slug ${PEER_LEADERS} ${peerComponents(depth - 1)} } } }`;
const componentOf = (c: Json) => ({ slug: c.slug, leaders: c.leaders.map((l: Json) => ({ name: l.person.name, aliases: names(l.person.aliases) })) });
function peerDescendants(o: Json): Json[] {
  return (o.components?.nodes ?? []).flatMap((r: Json) => [
    { slug: r.from.slug, leaders: r.from.leaders.nodes.map((m: Json) => ({ name: m.person.name, aliases: names(m.person.aliases.nodes) })) },
    ...peerDescendants(r.from),
  ]);
}
/** Each component once (one reached by two paths is listed once), by slug, its leaders sorted. */
function transitive(components: Json[]) {
  const bySlug = new Map(components.map((c) => [c.slug, { slug: c.slug, leaders: sorted(c.leaders, (l: Person) => l.name).map((l: Person) => ({ name: l.name, aliases: [...l.aliases].sort() })) }]));
  return sorted([...bySlug.values()], (c) => c.slug);
}

const incidentRow = (title: string, min: number | null, max: number | null, perpetrators: Json[], citations: Json[]) => ({
  title, min, max,
  perpetrators: perpetrators.map((p) => `${p.attribution} ${p.organization.name}`).sort(),
  citations: quotes(citations),
});

const QUESTIONS: Question[] = [
  {
    name: 'one coalition: aliases, components, their leaders, the leaders\' names and aliases',
    ours: `{ organization(slug: "${COALITION_SLUG}") { ${OURS_COALITION} } }`,
    peer: `{ organizations(condition: { slug: "${COALITION_SLUG}" }) { nodes { ${PEER_COALITION} } } }`,
    oursAnswer: (d) => oursCoalition(d.organization),
    peerAnswer: (d) => peerCoalition(d.organizations.nodes[0]),
  },
  {
    name: '50 coalitions, same nesting',
    ours: `{ organizations(first: 50, filter: { kind: [COALITION] }, orderBy: NAME_ASC) { edges { node { ${OURS_COALITION} } } } }`,
    peer: `{ organizations(first: 50, condition: { kind: COALITION }, orderBy: [NAME_ASC, ID_ASC]) { nodes { ${PEER_COALITION} } } }`,
    oursAnswer: (d) => d.organizations.edges.map((e: Json) => oursCoalition(e.node)),
    peerAnswer: (d) => d.organizations.nodes.map(peerCoalition),
  },
  {
    name: '100 incidents by date with perpetrators and citations',
    // Dated incidents only: PostGraphile v4 sorts undated ones first, this API last.
    ours: `{ incidents(first: 100, orderBy: DATE_DESC, filter: { from: "1900", includeOpenDates: true }) { edges { node {
      slug title perpetrators { attribution organization { name } } citations { quote } } } } }`,
    peer: `{ incidents(first: 100, orderBy: [DATE_SORT_DESC, DATE_LATEST_DESC, ID_ASC], filter: { dateSort: { isNull: false } }) { nodes {
      slug title perpetrators: incidentPerpetratorsByIncidentId { nodes { attribution organization { name } } } citations: citationsByIncidentId { nodes { quote } } } } }`,
    oursAnswer: (d) => d.incidents.edges.map(({ node: i }: Json) => ({
      slug: i.slug, title: i.title,
      perpetrators: i.perpetrators.map((p: Json) => `${p.attribution} ${p.organization.name}`).sort(),
      citations: i.citations.map((c: Json) => c.quote).sort(),
    })),
    peerAnswer: (d) => d.incidents.nodes.map((i: Json) => ({
      slug: i.slug, title: i.title,
      perpetrators: i.perpetrators.nodes.map((p: Json) => `${p.attribution} ${p.organization.name}`).sort(),
      citations: i.citations.nodes.map((c: Json) => c.quote).sort(),
    })),
  },
  // The README's `npm run bench` operations (bench/operations.ts), all but the timeline: PostGraphile has no
  // field that merges an organization's founding, ties, designations, leadership changes and incidents.
  {
    name: README.example,
    ours: README_OPERATIONS[README.example],
    peer: `{ organizations(condition: { slug: "jnim" }) { nodes { name foundedEarliest foundedLatest foundedPrecision foundedQualifier
      aliases: aliasesByOrganizationId { nodes { name kind language } }
      leaders: membershipsByOrganizationId(condition: { role: LEADER }) { nodes { ${PEER_TERM} person { ${PEER_PERSON} }
        citations: citationsByMembershipId { nodes { quote source { title } } } } }
      components: organizationRelationsByToId(condition: { type: COMPONENT_OF }) { nodes { from { slug name kind
        leaders: membershipsByOrganizationId(condition: { role: LEADER }) { nodes { role ${PEER_TERM} person { ${PEER_PERSON} } } }
        citations: citationsByOrganizationId { nodes { quote attributedTo source { title publisher } } } } } } } } }`,
    // Who leads now is this API's judgement (no end stated, not reported dead); PostGraphile returns the
    // memberships it is made from, and the same rule picks them here.
    oursAnswer: (d) => example(d.organization.name, d.organization.aliases, d.organization.leaders.map((l: Json) => ({ name: l.person.name, citations: l.citations })),
      d.organization.components.map((c: Json) => ({ ...c, leaders: c.leaders.map((l: Json) => l.person.name) }))),
    peerAnswer: (d) => {
      const o = d.organizations.nodes[0];
      const current = o.leaders.nodes.filter((m: Json) => m.endEarliest === null && m.endLatest === null && m.person.status !== 'DECEASED' && m.person.diedEarliest === null && m.person.diedLatest === null);
      return example(o.name, o.aliases.nodes, current.map((m: Json) => ({ name: m.person.name, citations: m.citations.nodes })),
        o.components.nodes.map((r: Json) => ({ ...r.from, leaders: r.from.leaders.nodes.map((m: Json) => m.person.name), citations: r.from.citations.nodes })));
    },
  },
  {
    name: README.transitive,
    ours: README_OPERATIONS[README.transitive],
    peer: `{ organizations(first: 50, condition: { kind: COALITION }, orderBy: [NAME_ASC, ID_ASC]) { nodes { slug ${peerComponents(MAX_DEPTH)} } } }`,
    oursAnswer: (d) => d.organizations.edges.map(({ node }: Json) => ({ slug: node.slug, components: transitive(node.components.map(componentOf)) })),
    peerAnswer: (d) => d.organizations.nodes.map((o: Json) => ({ slug: o.slug, components: transitive(peerDescendants(o)) })),
  },
  {
    name: README.incidents,
    ours: README_OPERATIONS[README.incidents],
    // The `from`/`to` rule of IncidentFilter (src/resolvers/filters.ts): a closed date that may fall in the period,
    // an open one ("on or before") only when all of it does.
    peer: `{ incidents(first: 20, orderBy: [DATE_SORT_DESC, DATE_LATEST_DESC, ID_ASC], filter: { and: [
      { or: [{ dateQualifier: { notIn: [BEFORE, AFTER] }, dateLatest: { greaterThanOrEqualTo: "2015-01-01" } }, { dateQualifier: { equalTo: AFTER }, dateEarliest: { greaterThanOrEqualTo: "2015-01-01" } }] },
      { or: [{ dateQualifier: { notIn: [BEFORE, AFTER] }, dateEarliest: { lessThanOrEqualTo: "2020-12-31" } }, { dateQualifier: { equalTo: BEFORE }, dateLatest: { lessThanOrEqualTo: "2020-12-31" } }] }] }) {
      totalCount nodes { title dateEarliest dateLatest datePrecision dateQualifier killedMin killedMax
        perpetrators: incidentPerpetratorsByIncidentId { nodes { attribution organization { name } } } citations: citationsByIncidentId { nodes { quote } } } } }`,
    // Both read the date; only the order of the page shows it (this API writes it as ISO 8601, PostGraphile as columns).
    oursAnswer: (d) => ({ total: d.incidents.totalCount, page: d.incidents.edges.map(({ node: i }: Json) => incidentRow(i.title, i.killed?.min ?? null, i.killed?.max ?? null, i.perpetrators, i.citations)) }),
    peerAnswer: (d) => ({ total: d.incidents.totalCount, page: d.incidents.nodes.map((i: Json) => incidentRow(i.title, i.killedMin, i.killedMax, i.perpetrators.nodes, i.citations.nodes)) }),
  },
  {
    name: README.stats,
    ours: README_OPERATIONS[README.stats],
    // pg-aggregates groups by the generated year, but cannot key a group by null (the undated incidents) nor
    // count the non-null values of a column: the undated get an aggregate of their own, and the incidents
    // whose toll has no upper bound (which leave the summed maximum open) are listed.
    peer: `{ dated: incidents(filter: { dateYear: { isNull: false } }) { groupedAggregates(groupBy: DATE_YEAR) { keys distinctCount { id } sum { killedMin killedMax } } }
      undated: incidents(filter: { dateYear: { isNull: true } }) { aggregates { distinctCount { id } sum { killedMin killedMax } } }
      open: incidents(filter: { killedMin: { isNull: false }, killedMax: { isNull: true } }) { nodes { dateYear } } }`,
    oursAnswer: (d) => d.incidentStats.map((g: Json) => ({ key: g.key, count: g.incidentCount, min: g.killed?.min ?? null, max: g.killed?.max ?? null })),
    peerAnswer: (d) => {
      const open = new Set(d.open.nodes.map((i: Json) => (i.dateYear === null ? null : String(i.dateYear))));
      const group = (key: string | null, a: Json) => ({
        key, count: Number(a.distinctCount.id),
        min: a.sum.killedMin === null ? null : Number(a.sum.killedMin),
        max: a.sum.killedMin === null || open.has(key) ? null : Number(a.sum.killedMax),
      });
      const groups = d.dated.groupedAggregates.map((g: Json) => group(g.keys[0], g)).sort((a: Json, b: Json) => Number(a.key) - Number(b.key));
      const undated = d.undated.aggregates;
      return Number(undated.distinctCount.id) > 0 ? [...groups, group(null, undated)] : groups;
    },
    peerStatements: 3,
    wholeTable: true,
  },
  { name: '{ __typename } (the HTTP/GraphQL pipeline alone)', ours: '{ __typename }', peer: '{ __typename }', oursAnswer: (d) => d, peerAnswer: (d) => d, floor: true },
];

// ---------------------------------------------------------------------------------------------
// The database: prepared once per size and kept (a marker table says it is complete).

/** A database prepared before the last migrations, given them (the servers would, but EXPLAIN runs first). */
async function migrated(target: Parameters<typeof openDatabase>[0], url: string): Promise<{ url: string }> {
  const db = await openDatabase(target);
  try {
    await applyMigrations(db.scripts);
  } finally {
    await db.close();
  }
  return { url };
}

async function prepare(kind: 'postgres' | 'pglite'): Promise<{ url: string }> {
  const name = `sahel_bench_${SCALE ? SCALE.toLowerCase() : `c${COALITIONS}`}`;
  let url: string;
  let db: Database;
  if (kind === 'postgres') {
    url = `${SERVER_URL}/${name}`;
    const admin = new pg.Client({ connectionString: `${SERVER_URL}/postgres` });
    await admin.connect();
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
    if (exists) {
      const check = new pg.Client({ connectionString: url });
      await check.connect();
      const ready = (await check.query(`SELECT to_regclass('bench.ready') AS t`)).rows[0].t !== null;
      await check.end();
      if (ready) {
        await admin.end();
        return migrated({ kind: 'postgres', url }, url);
      }
      await admin.query(`DROP DATABASE "${name}"`);
    }
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    db = await openDatabase({ kind: 'postgres', url });
  } else {
    const dir = join('/tmp', 'sahel-bench', name);
    url = `file:${dir}`;
    if (existsSync(join(dir, 'READY'))) return migrated({ kind: 'pglite', dataDir: dir }, url);
    db = await openDatabase({ kind: 'pglite', dataDir: dir });
  }
  const started = performance.now();
  await applyMigrations(db.scripts);
  await loadSeed(db.prisma, dataset);
  if (SCALE) {
    await loadSynthetic(db.scripts, { scale: SCALE, seed: 42, onProgress: (n, total) => process.stdout.write(`\rsynthetic rows: ${n}/~${total}`) });
    // As `seed:synthetic` does: else this API would rebuild it at its start, for longer than the wait for it at scale L.
    const index = await rebuildSearchIndex(db.scripts);
    process.stdout.write(`\nsearch index: ${index.names} names, ${index.documents} texts`);
  }
  else {
    // One transaction: the seed loader writes set-based (it took 97 s for 500 coalitions row by row, in slices).
    const loading = performance.now();
    const summary = await loadSeed(db.prisma, syntheticDataset(COALITIONS));
    process.stdout.write(`generated coalitions: ${summary.organizations} organizations, ${summary.persons} persons, ${summary.citations} citations through loadSeed in ${((performance.now() - loading) / 1000).toFixed(1)} s`);
  }
  const rows = await db.scripts.query<{ n: string }>(
    `SELECT (SELECT count(*) FROM "Organization") + (SELECT count(*) FROM "Person") + (SELECT count(*) FROM "Alias")
      + (SELECT count(*) FROM "Membership") + (SELECT count(*) FROM "OrganizationRelation") + (SELECT count(*) FROM "Citation")
      + (SELECT count(*) FROM "Incident") + (SELECT count(*) FROM "IncidentPerpetrator") AS n`,
  );
  // Outside the public schema, which PostGraphile exposes.
  if (kind === 'postgres') await db.scripts.query('CREATE SCHEMA bench; CREATE TABLE bench.ready (at timestamptz DEFAULT now())');
  await db.close();
  if (kind === 'pglite') writeFileSync(join(url.slice(5), 'READY'), '');
  console.log(`\nprepared ${name}: ${rows[0]!.n} rows in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return { url };
}

// ---------------------------------------------------------------------------------------------
// The servers.

interface Server { label: string; kind: 'ours' | 'peer' | 'floor'; url: string; process: ChildProcess; path: string; database: 'postgres' | 'pglite' }

async function waitFor(url: string, child: ChildProcess, label: string, output: () => string) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${label} exited (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${label} did not become ready:\n${output()}`);
}

async function start(label: string, kind: 'ours' | 'peer' | 'floor', port: number, databaseUrl: string, env: Record<string, string> = {}): Promise<Server> {
  let log = '';
  const child = kind === 'ours'
    // As `npm run start:prod` runs it: the compiled build, a larger young generation (garbage collection
    // was a sixth of the CPU).
    ? spawn(process.execPath, ['--max-semi-space-size=32', '--enable-source-maps', 'dist/main.js'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', SEED_IF_EMPTY: 'false', LOG_LEVEL: 'error', NODE_ENV: 'production',
        // One client sends every request: its budget must not be what is measured (the check itself runs).
        RATE_LIMIT_COST_PER_MINUTE: '1000000000',
        // No response cache counts toward the figures: every request is answered from the database.
        RESPONSE_CACHE_TTL_SECONDS: '0',
        // Every connection of the load generator is served, as the peers serve them (none refuses with 503).
        MAX_CONCURRENT_REQUESTS: '100000', ...env },
    })
    : kind === 'floor'
    ? spawn(process.execPath, ['--max-semi-space-size=32', '--import', 'tsx', 'bench/yoga-floor.ts'], { cwd: ROOT, env: { ...process.env, PORT: String(port), NODE_ENV: 'production' } })
    : spawn(join(PEER, 'node_modules', '.bin', 'postgraphile'), [
      '--connection', databaseUrl, '--schema', 'public', '--host', '127.0.0.1', '--port', String(port),
      '--append-plugins', '@graphile-contrib/pg-simplify-inflector,postgraphile-plugin-connection-filter,@graphile/pg-aggregates', '--disable-query-log',
      // The pool this API opens by default (DB_POOL_SIZE unset): PostGraphile served 21% more of the
      // incidents page with it than with its own default of 10, as this API did.
      '--max-pool-size', String(POOL_SIZE),
    ], { cwd: PEER, env: { ...process.env, NODE_ENV: 'production' } });
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const server: Server = { label, kind, url: `http://127.0.0.1:${port}`, process: child, path: '/graphql', database: databaseUrl.startsWith('file:') ? 'pglite' : 'postgres' };
  if (kind === 'ours') await waitFor(`${server.url}/ready`, child, label, () => log);
  else await waitForAnswer(server, child, () => log);
  return server;
}

async function waitForAnswer(server: Server, child: ChildProcess, output: () => string) {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`${server.label} exited:\n${output()}`);
    try {
      await post(server, '{ __typename }');
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`${server.label} did not answer:\n${output()}`);
}

async function post(server: Server, query: string): Promise<Json> {
  const response = await fetch(`${server.url}${server.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await response.json()) as { data?: Json; errors?: unknown };
  if (!response.ok || body.errors) throw new Error(`${server.label}: ${response.status} ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  return body.data!;
}

/** Peak resident memory of a process so far (Linux), in MB. */
function peakMb(pid: number | undefined): number | null {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return hwm ? Math.round(Number(hwm[1]) / 1024) : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Statements per request, for this API: counted in process on the same database.

interface PlanFinding { question: string; statement: string; table: string; rows: number }

/** Tables holding more rows than this must be read through an index by every benchmarked statement. */
const LARGE_TABLE_ROWS = 10_000;

/** The sequential scans on large tables in a plan (EXPLAIN's JSON form). */
function seqScans(plan: Json, sizes: Map<string, number>, found: { table: string; rows: number }[] = []) {
  if (plan['Node Type'] === 'Seq Scan' && (sizes.get(plan['Relation Name']) ?? 0) > LARGE_TABLE_ROWS) {
    found.push({ table: plan['Relation Name'], rows: sizes.get(plan['Relation Name'])! });
  }
  for (const child of plan.Plans ?? []) seqScans(child, sizes, found);
  return found;
}

/**
 * Statements per request for this API, counted in process on the same database, and EXPLAIN of each
 * statement with its parameters: any sequential scan of a large table is reported.
 */
async function statementsPerRequest(databaseUrl: string): Promise<{ counts: number[]; scans: PlanFinding[]; explained: number }> {
  const { createApi } = await import('../src/http/yoga.js');
  const db = await openDatabase(databaseUrl.startsWith('file:') ? { kind: 'pglite', dataDir: databaseUrl.slice(5) } : { kind: 'postgres', url: databaseUrl }, { logQueries: true });
  const api = createApi({ db, logging: 'error' });
  const sizes = new Map((await db.scripts.query<{ relname: string; n: number }>(
    `SELECT relname, reltuples::float8 AS n FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace`)).map((r) => [r.relname, Number(r.n)]));
  const counts: number[] = [];
  const scans: PlanFinding[] = [];
  let explained = 0;
  for (const q of QUESTIONS) {
    const sent: [string, unknown[]][] = [];
    const stop = db.onQuery((sql, params) => void sent.push([sql, params]));
    await api.fetch('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q.ours }) });
    stop();
    counts.push(sent.length);
    for (const [sql, params] of sent) {
      if (!/^\s*(SELECT|WITH)\b/i.test(sql)) continue;
      const [row] = await db.scripts.query<{ 'QUERY PLAN': Json[] }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
      explained++;
      if (q.wholeTable) continue;
      for (const scan of seqScans(row!['QUERY PLAN'][0]!.Plan, sizes)) scans.push({ question: q.name, statement: sql.replace(/\s+/g, ' ').slice(0, 160), ...scan });
    }
  }
  await db.close();
  return { counts, scans, explained };
}

// ---------------------------------------------------------------------------------------------

function percentile(sorted: number[], p: number) {
  return sorted.length === 0 ? NaN : Math.round(10 * sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!) / 10;
}

interface Run {
  server: string; question: string; round: number; rps: number; p50: number; p95: number; p99: number; requests: number; failures: number;
  /** CPU milliseconds per answered request: the server's process, and the PostgreSQL server's processes. */
  cpuMs: { server: number; postgres: number };
}

/** CPU time of a process so far (Linux /proc, user + system), in clock ticks; 0 once it has exited. */
function cpuTicks(pid: number | string): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** CPU ticks of every PostgreSQL server process (postmaster, backends, workers), by PID. */
function postgresTicks(): Map<string, number> {
  const ticks = new Map<string, number>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres')) ticks.set(pid, cpuTicks(pid));
    } catch {
      // exited meanwhile
    }
  }
  return ticks;
}

/**
 * CPU spent between two readings: per process, so backends that start or end between them neither
 * subtract nor vanish (a process that ended is counted up to the first reading only).
 */
function ticksBetween(before: Map<string, number>, after: Map<string, number>): number {
  let total = 0;
  for (const [pid, ticks] of after) total += ticks - (before.get(pid) ?? 0);
  return total;
}

/** Clock ticks a second (USER_HZ): 100 on Linux. */
const TICK_MS = 10;

async function measure(server: Server, query: string): Promise<Omit<Run, 'server' | 'question' | 'round'>> {
  const body = JSON.stringify({ query });
  const options = { url: `${server.url}${server.path}`, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: CONNECTIONS };
  await autocannon({ ...options, duration: 2 }); // warm-up
  // Requests past autocannon's 10 s timeout count as failures; a run with none answered shows as "-".
  const latencies: number[] = [];
  // The database's CPU is counted on server PostgreSQL only: PGlite runs inside the API's process.
  const [serverBefore, postgresBefore] = [cpuTicks(server.process.pid!), server.database === 'postgres' ? postgresTicks() : new Map<string, number>()];
  const instance = autocannon({ ...options, duration: SECONDS });
  instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await instance;
  const [serverTicks, databaseTicks] = [cpuTicks(server.process.pid!) - serverBefore, server.database === 'postgres' ? ticksBetween(postgresBefore, postgresTicks()) : 0];
  const answered = Math.max(1, result.requests.total);
  latencies.sort((a, b) => a - b);
  return {
    rps: result.requests.total / SECONDS,
    p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99),
    requests: result.requests.total, failures: result.non2xx + result.errors + result.timeouts,
    cpuMs: { server: Math.round((100 * serverTicks * TICK_MS) / answered) / 100, postgres: Math.round((100 * databaseTicks * TICK_MS) / answered) / 100 },
  };
}

/**
 * Waits until the database runs nothing, after a run. A request autocannon gave up on (its 10 s timeout)
 * keeps its statement running, and sixteen of them ran into the next server's run: at M, PostGraphile's
 * yearly stats (11 s each) left PostgreSQL busy through the next two runs. What still runs after a
 * second is cancelled: its client is gone.
 */
async function drain(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const running = `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`;
    for (let i = 0; i < 100; i++) {
      const { rows } = await client.query<{ pid: number }>(running);
      if (rows.length === 0) return;
      if (i === 10) {
        console.error(`  ${rows.length} statement(s) still running after the run: cancelled`);
        await client.query(`SELECT pg_cancel_backend(pid) FROM (${running}) AS r`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await client.end();
  }
}

/**
 * How fast this machine is, so that runs on different machines can be read together: the milliseconds of
 * a fixed piece of JavaScript (JSON written and read, as a server does) and of a fixed statement on server
 * PostgreSQL, each the best of five. The p95 aims are absolute, and the same build has taken twice the
 * CPU a request on one machine as on another.
 */
async function machineSpeed(url: string): Promise<{ javascriptMs: number; postgresMs: number }> {
  const rows = Array.from({ length: 10_000 }, (_, i) => ({ id: `id-${i}`, name: `Organization ${i}`, aliases: [`A${i}`, `B${i}`], year: 1990 + (i % 30) }));
  const best = async (work: () => unknown) => {
    let fastest = Infinity;
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await work();
      fastest = Math.min(fastest, performance.now() - started);
    }
    return Math.round(fastest * 10) / 10;
  };
  const javascriptMs = await best(() => {
    for (let i = 0; i < 10; i++) JSON.parse(JSON.stringify(rows));
  });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return { javascriptMs, postgresMs: await best(() => client.query('SELECT count(*) FROM generate_series(1, 2000000)')) };
  } finally {
    await client.end();
  }
}

const { url: databaseUrl } = await prepare(DB);
// On PGlite the baseline is this API on server PostgreSQL, on the same data: the aim is half its figure.
const serverDatabaseUrl = DB === 'pglite' ? (await prepare('postgres')).url : databaseUrl;
const speed = await machineSpeed(serverDatabaseUrl);
// The production build of the working copy (`npm run build`), as production runs it.
const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) throw new Error('npm run build failed');
const servers: Server[] = [];
const stopAll = () => servers.forEach((s) => s.process.kill('SIGTERM'));
process.on('exit', stopAll);
// Counted before the servers start: a PGlite directory is opened by one process at a time.
const { counts: statements, scans, explained } = await statementsPerRequest(databaseUrl);
console.log(`EXPLAIN of ${explained} benchmarked statements: ${scans.length === 0 ? `no sequential scan of a table over ${LARGE_TABLE_ROWS} rows` : `${scans.length} sequential scan(s) of large tables:`}`);
for (const scan of scans) console.log(`  ${scan.question.slice(0, 40)} | ${scan.table} (${scan.rows} rows) | ${scan.statement}`);
// On PGlite each server needs a directory of its own: the second one gets a copy.
const copyUrl = `${databaseUrl}-copy`;
if (DB === 'pglite') {
  rmSync(copyUrl.slice(5), { recursive: true, force: true });
  cpSync(databaseUrl.slice(5), copyUrl.slice(5), { recursive: true });
}
try {
  if (DB === 'postgres') {
    servers.push(await start('this API', 'ours', 4101, databaseUrl));
    servers.push(await start('this API, naive loaders', 'ours', 4102, databaseUrl, { LOADERS: 'naive' }));
    servers.push(await start('PostGraphile v4', 'peer', 4103, databaseUrl));
    if (QUESTIONS.some((q) => q.floor && (!args.only || q.name.includes(args.only)))) servers.push(await start(FLOOR, 'floor', 4104, databaseUrl));
  } else {
    servers.push(await start('this API, PGlite in a worker thread', 'ours', 4101, databaseUrl, { PGLITE_THREAD: 'true' }));
    servers.push(await start('this API, PGlite in the server\'s thread', 'ours', 4102, copyUrl, { PGLITE_THREAD: 'false' }));
    servers.push(await start('this API, server PostgreSQL', 'ours', 4103, serverDatabaseUrl));
  }

  const questions = QUESTIONS.filter((q) => !args.only || q.name.includes(args.only));
  for (const q of questions) {
    const reference = JSON.stringify(q.oursAnswer(await post(servers[0]!, q.ours)));
    for (const s of servers.slice(1)) {
      if (s.kind === 'floor' && !q.floor) continue;
      const answer = JSON.stringify(s.kind === 'ours' ? q.oursAnswer(await post(s, q.ours)) : q.peerAnswer(await post(s, q.peer)));
      if (answer !== reference) throw new Error(`${s.label} answers "${q.name}" differently:\n  ours: ${reference.slice(0, 300)}\n  its:  ${answer.slice(0, 300)}`);
    }
  }
  const runs: Run[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const q of questions) {
      for (const s of servers) {
        if (s.kind === 'floor' && !q.floor) continue;
        const r = await measure(s, s.kind === 'peer' ? q.peer : q.ours);
        if (s.database === 'postgres') await drain(serverDatabaseUrl);
        runs.push({ server: s.label, question: q.name, round, ...r });
        console.error(`round ${round} | ${q.name.slice(0, 40)} | ${s.label}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} p95 ${r.p95} ms, CPU ms/request ${r.cpuMs.server} + ${r.cpuMs.postgres}${r.failures ? `, ${r.failures} failed` : ''}`);
      }
    }
  }
  const memory = Object.fromEntries(servers.map((s) => [s.label, peakMb(s.process.pid)]));

  const date = new Date().toISOString().slice(0, 10);
  console.log(`\nnode ${process.version}, ${DB === 'postgres' ? 'server PostgreSQL' : 'PGlite'}, seed + ${SCALE ? `synthetic scale ${SCALE}` : `${COALITIONS} generated coalitions`}, ${CONNECTIONS} connections, ${DB === 'postgres' ? `${POOL_SIZE} database connections a server, ` : ''}${SECONDS} s per run, ${ROUNDS} rounds alternating (${date}); machine: ${speed.javascriptMs} ms of JavaScript, ${speed.postgresMs} ms of PostgreSQL (machineSpeed)\n`);
  const peer = servers.find((s) => s.kind === 'peer');
  // CPU per request moves much less than req/s on a shared machine: both are printed, per round.
  const baseline = peer ?? servers[2]!;
  console.log(`| question | server | req/s (per round) | p50 / p95 / p99 ms (last round) | ratio to ${baseline.label} | CPU ms/request: server + PostgreSQL (per round) | SQL statements |`);
  console.log('| --- | --- | --- | --- | ---: | --- | ---: |');
  questions.forEach((q) => {
    const mean = (label: string) => {
      const rs = runs.filter((r) => r.question === q.name && r.server === label);
      return rs.reduce((n, r) => n + r.rps, 0) / rs.length;
    };
    for (const s of servers) {
      const rs = runs.filter((r) => r.question === q.name && r.server === s.label);
      if (rs.length === 0) continue;
      const last = rs[rs.length - 1]!;
      const count = s.kind === 'ours' ? (s.label.includes('naive') ? 'per parent' : String(statements[QUESTIONS.indexOf(q)])) : s.kind === 'floor' ? '0' : String(q.peerStatements ?? 1);
      const cpu = rs.map((r) => `${r.cpuMs.server.toFixed(2)} + ${r.cpuMs.postgres.toFixed(2)}`).join(', ');
      console.log(`| ${q.name} | ${s.label} | ${rs.map((r) => r.rps.toFixed(0)).join(', ')} | ${[last.p50, last.p95, last.p99].map((v) => (Number.isNaN(v) ? '-' : v)).join(' / ')} | ${(mean(s.label) / mean(baseline.label)).toFixed(2)} | ${cpu} | ${count} |`);
    }
  });
  console.log(`\npeak resident memory (MB): ${Object.entries(memory).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  // A later run the same day gets its own file: the README cites each run's file.
  const base = `${date}-${DB}-${SCALE ? `scale-${SCALE}` : `c${COALITIONS}`}`;
  let file = join(dir, `${base}.json`);
  for (let n = 2; existsSync(file); n++) file = join(dir, `${base}-${n}.json`);
  writeFileSync(file, JSON.stringify({ date, node: process.version, db: DB, ...(SCALE ? { scale: SCALE } : { coalitions: COALITIONS }), connections: CONNECTIONS, ...(DB === 'postgres' ? { poolSize: POOL_SIZE } : {}), seconds: SECONDS, rounds: ROUNDS, machine: speed, statements, sequentialScans: scans, memory, runs }, null, 2));
  console.log(`written to ${file}`);
} finally {
  stopAll();
}
