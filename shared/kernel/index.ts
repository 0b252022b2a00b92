export * from './intent-key.ts';
export * from './runner.ts';
export * from './schemas.ts';
export * from './trade-book.ts';
export * from './venue.ts';
