export * from './schemas.ts';
export * from './new-drawing.ts';
