// Starts the API; stops it cleanly on SIGINT/SIGTERM. No logic here.
import { ConfigError, loadConfig } from './config.js';
import { startApp, StartupError } from './app.js';
import { DatabaseLockedError } from './db/lock.js';
import { jsonLogger } from './http/observability.js';

const logger = jsonLogger('info');

async function main() {
  const config = loadConfig();
  const app = await startApp(config);
  logger.info(`GraphQL API and GraphiQL at ${app.url}`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received, shutting down`);
    await app.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError || error instanceof DatabaseLockedError) {
    console.error(error.message);
  } else {
    logger.error('Failed to start', error);
  }
  process.exit(1);
});
