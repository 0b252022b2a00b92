export * from './drawings-store.ts';
export * from './drawings-router.ts';
