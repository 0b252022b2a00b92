export * from './schemas.ts';
export * from './params-hash.ts';
export * from './transitions.ts';
export * from './approval-evidence.ts';
