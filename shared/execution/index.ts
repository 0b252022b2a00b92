export * from './schemas.ts';
export * from './decimal-text.ts';
export * from './order-checks.ts';
export * from './positions.ts';
export * from './reconciliation.ts';
export * from './dead-letters.ts';
export * from './live-arm.ts';
