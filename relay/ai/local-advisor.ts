import type { ParamDelta, ReviewInput, Suggestion } from '../../shared/ai/index.ts';
import { paramsHash } from '../../shared/strategy-versions/index.ts';
import type { Advisor, AdvisorAnswer, ReviewContext } from './advisor.ts';
import type { SimulationPool } from './simulation-pool.ts';

export const LOCAL_MODEL = 'local/bounded-random-search';

export interface LocalAdvisorOptions {
  /** Seeded candidates scored per review. */
  candidates?: number;
  /** A fit needs this many in-sample trades to rank above one that barely trades. */
  minTrades?: number;
}

/**
 * The advisor without a key: a seeded random search over every bounded param of the strategy
 * (shared/optimize/searchParams, on a worker thread), scored on the in-sample candles it is handed
 * and nothing else, so it cannot look at the out-of-sample window it will be judged on. The seed
 * comes from the params reviewed, so a review is reproducible and each loop round searches anew.
 */
export function createLocalAdvisor(pool: SimulationPool, options: LocalAdvisorOptions = {}): Advisor {
  const candidates = options.candidates ?? 100;
  const minTrades = options.minTrades ?? 5;
  return {
    source: 'local',
    model: LOCAL_MODEL,
    async review(input: ReviewInput, context: ReviewContext): Promise<AdvisorAnswer> {
      const params = Object.fromEntries(input.params.map((p) => [p.name, p.value]));
      const seed = Number.parseInt((await paramsHash(params)).slice('sha256-'.length, 'sha256-'.length + 8), 16);
      const score = 'sharpe';
      const result = await pool.run({ kind: 'search', cols: context.inSample.cols, strategyId: input.strategy.id, params, config: context.inSample.config, candidates, seed, score, minTrades });
      const deltas: ParamDelta[] = input.params
        .filter((p) => result.best.params[p.name] !== p.value)
        .map((p) => ({ param: p.name, from: p.value, to: result.best.params[p.name] as number | string }));
      const fmt = (x: number) => x.toFixed(3);
      const suggestion: Suggestion = {
        deltas,
        rationale:
          deltas.length === 0
            ? `Local search (${result.scored} param sets, seed ${seed}) found nothing scoring above the current params on the in-sample window (${score} ${fmt(result.current.score)}).`
            : `Local search over ${result.scored} param sets inside the bounds (seed ${seed}) on the in-sample window only: in-sample ${score} ${fmt(result.best.score)} vs ${fmt(result.current.score)} now, ${result.best.metrics.tradeCount} trades vs ${result.current.metrics.tradeCount}.`,
        // An in-sample fit says little on its own: confidence grows with the trades behind it and stays modest.
        confidence: Math.round(Math.min(0.6, result.best.metrics.tradeCount / 100) * 100) / 100,
        riskNotes: [
          'fitted on the in-sample window only: the best of many random candidates is optimistic by construction',
          ...(result.best.metrics.maxDrawdown > result.current.metrics.maxDrawdown ? [`in-sample max drawdown deeper: ${(result.best.metrics.maxDrawdown * 100).toFixed(2)}% vs ${(result.current.metrics.maxDrawdown * 100).toFixed(2)}%`] : []),
          ...(result.refused > 0 ? [`${result.refused} drawn candidates broke the strategy's cross-field rules and were skipped`] : []),
        ],
      };
      return {
        suggestion,
        failure: null,
        attempts: 1,
        usage: null,
        exchanges: [{ prompt: [{ role: 'user', content: `local search: ${candidates} candidates, seed ${seed}, score ${score}, in-sample ${input.window.candles} candles` }], response: JSON.stringify(suggestion), refusal: null, model: LOCAL_MODEL }],
      };
    },
  };
}
