import { DrawingSchema, type Drawing, type DrawingPoint, type DrawingStyle, type ShapeType } from './schemas.ts';

export interface NewDrawingInput {
  symbol: string;
  shapeType: ShapeType;
  points: DrawingPoint[];
  style?: Partial<DrawingStyle>;
  label?: string;
}

/** Builds a validated drawing with a fresh id and timestamps; throws a ZodError on bad input. */
export function newDrawing(input: NewDrawingInput, now: Date = new Date()): Drawing {
  const stamp = now.toISOString();
  return DrawingSchema.parse({
    id: crypto.randomUUID(),
    symbol: input.symbol,
    shapeType: input.shapeType,
    points: input.points,
    style: input.style ?? {},
    label: input.label ?? '',
    createdAt: stamp,
    updatedAt: stamp,
  });
}

/** Returns the drawing with its changes applied and `updatedAt` bumped, validated again. */
export function reviseDrawing(
  drawing: Drawing,
  changes: Partial<Pick<Drawing, 'points' | 'style' | 'label'>>,
  now: Date = new Date(),
): Drawing {
  return DrawingSchema.parse({ ...drawing, ...changes, updatedAt: now.toISOString() });
}
