import type { Logger } from 'pino';
import { SecretValue } from '../access/secrets.ts';
import type { RelayConfig } from '../config.ts';
import { startOpenAiStandIn, STANDIN_MODEL } from '../openai-standin/index.ts';
import type { Advisor } from './advisor.ts';
import { createOpenRouterAdvisor } from './openrouter-advisor.ts';

/** The stand-in takes any key; this one only marks requests as coming from the relay's demo. */
const STANDIN_KEY = 'standin-demo-key';

/**
 * The relay's AI advisor from its configuration: the in-process stand-in (OPENROUTER_STANDIN=yes,
 * `npm run demo`, labelled `standin`), OpenRouter with OPENROUTER_API_KEY, or none (the local advisor).
 */
export async function openAiAdvisor(
  config: Pick<RelayConfig, 'ai' | 'openRouter'>,
  logger: Logger,
  closers: Array<() => unknown>,
): Promise<Advisor | null> {
  if (config.ai.standIn) {
    const standIn = await startOpenAiStandIn({ apiKey: STANDIN_KEY });
    closers.push(() => standIn.close());
    logger.info({ baseUrl: standIn.baseUrl }, 'started the in-process OpenAI stand-in: AI reviews are scripted, labelled standin');
    return createOpenRouterAdvisor({ apiKey: new SecretValue(STANDIN_KEY), baseUrl: standIn.baseUrl, model: STANDIN_MODEL, source: 'standin' });
  }
  if (config.openRouter === null) return null;
  return createOpenRouterAdvisor({ apiKey: config.openRouter.apiKey, baseUrl: config.ai.baseUrl, model: config.ai.model, source: 'openrouter' });
}
