// `npm run test:outage`: a PostgreSQL of its own (initdb as the postgres user, its own port and
// directory; never the machine's), the built server on it, steady load from 16 clients; at 10 s the
// database is stopped for 10 s, then started again. Passes when, during the outage, requests fail fast
// with SERVICE_UNAVAILABLE (503) and /ready is 503; afterwards the same process answers again with no
// restart; and no request takes longer than the request timeout. Prints what it saw.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join('/usr/lib/postgresql', readdirSync('/usr/lib/postgresql').sort().at(-1)!, 'bin');
const PG_PORT = 55_000 + Math.floor(Math.random() * 5_000);
const API_PORT = 4700 + Math.floor(Math.random() * 200);
const REQUEST_TIMEOUT_MS = 5_000;

const asPostgres = (command: string, ...args: string[]) => {
  const run = spawnSync('runuser', ['-u', 'postgres', '--', join(BIN, command), ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${command} failed: ${run.stderr}`);
};
const dir = mkdtempSync(join(tmpdir(), 'sahel-outage-'));
const data = join(dir, 'data');
chownSync(dir, Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()), Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()));
const pgStart = () => asPostgres('pg_ctl', '-D', data, '-o', `-p ${PG_PORT} -k ${dir} -c listen_addresses=127.0.0.1`, '-l', join(dir, 'log'), '-w', 'start');
const pgStop = () => asPostgres('pg_ctl', '-D', data, '-m', 'immediate', '-w', 'stop');

interface Sample { at: number; ms: number; status: number; code?: string }
let server: ChildProcess | undefined;
try {
  asPostgres('initdb', '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8');
  pgStart();
  if (!existsSync(join(ROOT, 'dist', 'main.js')) && spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('build failed');
  server = spawn(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `postgresql://postgres@127.0.0.1:${PG_PORT}/postgres`, PORT: String(API_PORT), HOST: '127.0.0.1', LOG_LEVEL: 'warn',
      RATE_LIMIT_COST_PER_MINUTE: '0', RESPONSE_CACHE_TTL_SECONDS: '0', REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS), DB_STATEMENT_TIMEOUT_MS: '3000' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  server.stderr!.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${API_PORT}`;
  for (let i = 0; !(await fetch(`${base}/ready`).then((r) => r.ok, () => false)); i++) {
    if (server.exitCode !== null || i > 480) throw new Error(`the server did not become ready:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const started = Date.now();
  const samples: Sample[] = [];
  const ready: Sample[] = [];
  let running = true;
  const body = JSON.stringify({ query: '{ organization(slug: "jnim") { name components { slug leaders { person { name } } } } }' });
  const client = async () => {
    while (running) {
      const t = Date.now();
      try {
        const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const json = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
        samples.push({ at: t - started, ms: Date.now() - t, status: response.status, ...(json.errors?.[0]?.extensions?.code ? { code: json.errors[0].extensions.code } : {}) });
      } catch {
        samples.push({ at: t - started, ms: Date.now() - t, status: 0 });
      }
    }
  };
  const probe = async () => {
    while (running) {
      const t = Date.now();
      const status = await fetch(`${base}/ready`).then((r) => r.status, () => 0);
      ready.push({ at: t - started, ms: Date.now() - t, status });
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const load = [...Array.from({ length: 16 }, client), probe()];
  await new Promise((r) => setTimeout(r, 10_000));
  const down = Date.now() - started;
  pgStop();
  await new Promise((r) => setTimeout(r, 10_000));
  pgStart();
  const up = Date.now() - started;
  await new Promise((r) => setTimeout(r, 10_000));
  running = false;
  await Promise.all(load);

  // A request in flight when the database went down may fail as it can; the phases exclude 1 s around each change.
  const during = samples.filter((s) => s.at > down + 1_000 && s.at < up - 1_000);
  const after = samples.filter((s) => s.at > up + 5_000);
  const before = samples.filter((s) => s.at < down);
  const slowest = Math.max(...samples.map((s) => s.ms));
  const count = (list: Sample[], test: (s: Sample) => boolean) => list.filter(test).length;
  console.log(`outage test: own PostgreSQL on port ${PG_PORT}, 16 clients, database stopped at ${(down / 1000).toFixed(1)} s, started at ${(up / 1000).toFixed(1)} s`);
  console.log(`  before: ${before.length} requests, ${count(before, (s) => s.status === 200 && !s.code)} answered`);
  console.log(`  during: ${during.length} requests, ${count(during, (s) => s.status === 503 && s.code === 'SERVICE_UNAVAILABLE')} SERVICE_UNAVAILABLE (503), p99 ${percentile(during.map((s) => s.ms), 99)} ms; /ready 503 in ${count(ready.filter((s) => s.at > down + 1_000 && s.at < up - 1_000), (s) => s.status === 503)} of ${ready.filter((s) => s.at > down + 1_000 && s.at < up - 1_000).length} probes`);
  console.log(`  after:  ${after.length} requests, ${count(after, (s) => s.status === 200 && !s.code)} answered; the same server process (pid ${server.pid}) throughout`);
  console.log(`  slowest request: ${slowest} ms (request timeout ${REQUEST_TIMEOUT_MS} ms)`);
  const ok = before.length > 0 && count(before, (s) => s.status !== 200) === 0
    && during.length > 0 && count(during, (s) => !(s.status === 503 && s.code === 'SERVICE_UNAVAILABLE')) === 0
    && ready.filter((s) => s.at > down + 1_000 && s.at < up - 1_000).every((s) => s.status === 503)
    && after.length > 0 && count(after, (s) => s.status !== 200) === 0
    && slowest <= REQUEST_TIMEOUT_MS + 500 && server.exitCode === null;
  console.log(ok ? 'passed' : `FAILED\n${log.slice(-3000)}`);
  process.exitCode = ok ? 0 : 1;
} finally {
  server?.kill('SIGTERM');
  spawnSync('runuser', ['-u', 'postgres', '--', join(BIN, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop'], { stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}
