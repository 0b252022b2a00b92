export * from './schemas.ts';
export * from './new-drawing.ts';
export * from './trade-marker.ts';
