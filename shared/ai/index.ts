export * from './apply-deltas.ts';
export * from './parse-suggestion.ts';
export * from './review-params.ts';
export * from './review-prompt.ts';
export * from './schemas.ts';
export * from './review-input.ts';
export * from './loop-schemas.ts';
