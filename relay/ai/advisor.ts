import type { CandleColumns } from '../../shared/backtest/candle-columns.ts';
import type { BacktestConfig } from '../../shared/backtest/schemas.ts';
import type { AdvisorSource, AiUsage, ChatMessage, ReviewInput, Suggestion, SuggestionFailure } from '../../shared/ai/index.ts';

/** One request to the model and what came back, for the audit log. */
export interface AdvisorExchange {
  prompt: ChatMessage[];
  /** The message content, the refusal text, or null when no answer arrived. */
  response: string | null;
  refusal: string | null;
  model: string | null;
}

export interface AdvisorAnswer {
  /** null when the advisor gave no usable suggestion; `failure` says why. */
  suggestion: Suggestion | null;
  failure: SuggestionFailure | null;
  /** Requests made (1, or 2 with the retry; the local advisor counts its search as 1). */
  attempts: number;
  usage: AiUsage | null;
  exchanges: AdvisorExchange[];
}

export interface ReviewContext {
  /** The x-request-id of the request that triggered the review, forwarded to the provider. */
  requestId: string | null;
  signal?: AbortSignal;
  /** The in-sample candles the input was built from, for an advisor that simulates (the local one); never the out-of-sample ones. */
  inSample: { cols: CandleColumns; config: BacktestConfig };
}

/** Something that reads a review input and proposes param deltas in the suggestion schema. */
export interface Advisor {
  source: AdvisorSource;
  model: string;
  review(input: ReviewInput, context: ReviewContext): Promise<AdvisorAnswer>;
}
