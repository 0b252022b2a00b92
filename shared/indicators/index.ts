export * from './batch.ts';
export * from './definition.ts';
export * from './definitions.ts';
export * from './params-hash.ts';
export * from './registry.ts';
export * from './schemas.ts';
export * from './streaming.ts';
export { utcDayStart } from './vwap.ts';
