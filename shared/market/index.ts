export * from './interval.ts';
export * from './schemas.ts';
export * from './stream.ts';
export * from './topic-key.ts';
export * from './relay-modes.ts';
