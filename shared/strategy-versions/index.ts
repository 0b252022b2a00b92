export * from './schemas.ts';
export * from './params-hash.ts';
