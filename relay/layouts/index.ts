export * from './layouts-store.ts';
export * from './layouts-router.ts';
