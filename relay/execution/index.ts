export * from './bybit-live-venue.ts';
export * from './execution-service.ts';
export * from './open-execution.ts';
export * from './order-store.ts';
export * from './orders-api.ts';
export * from './orders-router.ts';
export * from './paper-venue.ts';
export * from './venue.ts';
