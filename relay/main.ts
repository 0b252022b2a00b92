import { ConfigError, parseConfig } from './config.ts';
import { createLogger } from './observability/logger.ts';
import { startRelay } from './server.ts';

/** `tsx relay/main.ts`: configuration from the environment, graceful stop on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(2);
  }

  const logger = createLogger(config.logLevel);
  // A stray rejection (e.g. a socket error in a library) must not take the relay down.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));

  const relay = await startRelay(config, { logger });
  logger.info(
    { url: relay.url, tradingMode: config.tradingMode, bybitEnv: config.bybitEnv },
    `relay listening on ${relay.url} (${config.tradingMode} trading, Bybit ${config.bybitEnv})`,
  );
  // Straight to the terminal, not the logger: log files are kept and shipped, this link is a secret.
  process.stdout.write(`\n  Sign in (operator): open ${relay.loginUrl}\n  (npm run token -- print shows it again; npm run token -- viewer makes a read-only one)\n\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // A hung close must not keep the process alive forever.
    setTimeout(() => process.exit(1), 10_000).unref();
    relay.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('relay failed to start:', err);
  process.exit(1);
});
