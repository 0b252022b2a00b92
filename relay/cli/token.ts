/**
 * `npm run token -- print|rotate|viewer`: show the operator login link, replace the operator token
 * (signing every browser out), or make a read-only viewer link. Reads the relay's environment.
 */
import { ConfigError, parseConfig } from '../config.ts';
import { createLogger } from '../observability/logger.ts';
import { TOKEN_COMMANDS, TokenCommandError, runTokenCommand, type TokenCommand } from '../access/token-commands.ts';

const USAGE = `usage: npm run token -- ${TOKEN_COMMANDS.join('|')}
  print   show the operator login link again
  rotate  write a new operator token; every signed-in browser and the old link stop working
  viewer  make a new read-only login link`;

const command = process.argv[2];
if (!TOKEN_COMMANDS.includes(command as TokenCommand)) {
  console.error(USAGE);
  process.exit(2);
}
try {
  const config = parseConfig(process.env);
  const logger = createLogger(config.logLevel);
  const url = runTokenCommand(command as TokenCommand, config, (event) => logger.info({ event }, `access ${event.kind}`));
  process.stdout.write(`${url}\n`);
} catch (err) {
  if (!(err instanceof ConfigError || err instanceof TokenCommandError)) throw err;
  console.error(err.message);
  process.exit(2);
}
