export * from './audit-log.ts';
export * from './audit-router.ts';
