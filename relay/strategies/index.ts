export * from './active-versions.ts';
export * from './open-strategy-versions.ts';
export * from './strategies-api.ts';
export * from './strategies-router.ts';
export * from './strategy-versions.ts';
export * from './versions-store.ts';
