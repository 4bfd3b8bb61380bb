// `npm run smoke:prod`: starts the compiled server (`npm run build` first) on an in-memory database,
// as production starts it, and asks it a question over HTTP; exits 1 unless it answers. CI runs it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('dist/main.js')) {
  console.error('dist/main.js is missing: run `npm run build` first.');
  process.exit(1);
}
const port = 4000 + Math.floor(Math.random() * 1000) + 1000;
const server = spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], {
  env: { ...process.env, DATABASE_URL: 'memory://', PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const stop = (code) => {
  server.kill('SIGTERM');
  process.exit(code);
};
const deadline = Date.now() + 90_000;
while (Date.now() < deadline) {
  if (server.exitCode !== null) {
    console.error(`the built server exited with code ${server.exitCode}`);
    process.exit(1);
  }
  try {
    if ((await fetch(`http://127.0.0.1:${port}/ready`)).ok) break;
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 500));
}
const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: '{ organization(slug: "jnim") { name components { slug } } }' }),
}).catch((error) => ({ ok: false, status: String(error) }));
const body = response.ok ? await response.json() : null;
if (!body?.data?.organization?.components?.length) {
  console.error(`the built server did not answer: ${response.status} ${JSON.stringify(body)}`);
  stop(1);
}
const metrics = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text()).catch(() => '');
if (!body.extensions?.cost || !response.headers.get('x-request-id') || !/graphql_yoga_http_duration_count\{operationName="\(anonymous\)",operationType="query",method="POST",statusCode="200"\} 1/.test(metrics)) {
  console.error(`the built server answered without its cost, request id or metrics: ${JSON.stringify(body.extensions)}`);
  stop(1);
}
console.log(`the built server answered: ${body.data.organization.name}, ${body.data.organization.components.length} components, cost ${body.extensions.cost.requested}; /metrics served`);
stop(0);
