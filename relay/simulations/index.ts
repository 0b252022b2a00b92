export * from './simulations-store.ts';
export * from './simulations-router.ts';
