export * from './schemas.ts';
export * from './comparison-record.ts';
