import { defineConfig } from 'prisma/config';
import { parseDatabaseUrl } from './src/config.js';
import { cliAdapterFor } from './src/db/cli-adapter.js';

// PGlite keeps long timers alive and the CLI never closes it, so `migrate status/diff` would not
// exit; unref-ing long timers lets the CLI process end when its work is done. CLI only.
const setTimeoutOriginal = globalThis.setTimeout;
globalThis.setTimeout = ((handler: (...args: unknown[]) => void, timeout?: number, ...rest: unknown[]) => {
  const timer = setTimeoutOriginal(handler, timeout, ...rest);
  if ((timeout ?? 0) >= 5000) timer.unref();
  return timer;
}) as typeof setTimeout;

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  adapter: () => cliAdapterFor(parseDatabaseUrl(process.env.DATABASE_URL)),
});
