export * from './candle-columns.ts';
export * from './candle-files.ts';
export * from './candle-spacing.ts';
export * from './compare.ts';
export * from './dataset-hash.ts';
export * from './engine.ts';
export * from './report.ts';
export * from './schemas.ts';
