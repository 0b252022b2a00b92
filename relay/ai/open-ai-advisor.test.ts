import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { buildReviewInput } from '../../shared/ai/index.ts';
import { BTC_CONFIG, btcColumns } from '../../shared/backtest/test-dataset.ts';
import { strategyEntry } from '../../shared/strategy/index.ts';
import { parseConfig } from '../config.ts';
import { STANDIN_MODEL } from '../openai-standin/index.ts';
import { openAiAdvisor } from './open-ai-advisor.ts';

const logger = pino({ level: 'silent' });

describe('the relay advisor from its configuration', () => {
  it('OPENROUTER_STANDIN=yes (npm run demo) starts the stand-in in-process and labels its answers standin', async () => {
    const closers: Array<() => unknown> = [];
    const advisor = await openAiAdvisor(parseConfig({ OPENROUTER_STANDIN: 'yes' }), logger, closers);
    try {
      expect(advisor).toMatchObject({ source: 'standin', model: STANDIN_MODEL });
      const cols = btcColumns(1500);
      const entry = strategyEntry('ema-rsi');
      const input = await buildReviewInput(cols, entry, entry.parseParams({}), BTC_CONFIG, null);
      const answer = await advisor!.review(input, { requestId: null, inSample: { cols, config: BTC_CONFIG } });
      expect(answer.failure).toBeNull();
      expect(answer.suggestion!.rationale).toContain('OpenAI stand-in (scripted, not a model)');
    } finally {
      for (const close of closers) await close();
    }
  });

  it('is OpenRouter with the configured model when a key is set, and none without one', async () => {
    expect(await openAiAdvisor(parseConfig({ OPENROUTER_API_KEY: 'sk-or-x', OPENROUTER_MODEL: 'openai/gpt-4.1-mini' }), logger, [])).toMatchObject({ source: 'openrouter', model: 'openai/gpt-4.1-mini' });
    expect(await openAiAdvisor(parseConfig({}), logger, [])).toBeNull();
  });
});
