export * from './watchlist-store.ts';
export * from './watchlist-router.ts';
