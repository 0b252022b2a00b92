import { POINTS_PER_SHAPE, type DrawingPoint, type ShapeType } from '../../../shared/drawings/index.ts';

/** Points collected so far while the user draws one shape. */
export interface ToolSession {
  shapeType: ShapeType;
  points: readonly DrawingPoint[];
}

export type ClickOutcome = { kind: 'collecting'; session: ToolSession } | { kind: 'complete'; points: DrawingPoint[] };

export function startSession(shapeType: ShapeType): ToolSession {
  return { shapeType, points: [] };
}

/** Adds a clicked point; completes once the shape has all the points it needs. */
export function addClick(session: ToolSession, point: DrawingPoint): ClickOutcome {
  const points = [...session.points, point];
  return points.length >= POINTS_PER_SHAPE[session.shapeType]
    ? { kind: 'complete', points }
    : { kind: 'collecting', session: { ...session, points } };
}

/** The shape as it would be if the user clicked at `hover` now; the hover fills every missing point. */
export function previewPoints(session: ToolSession, hover: DrawingPoint): DrawingPoint[] {
  const needed = POINTS_PER_SHAPE[session.shapeType];
  const points = [...session.points];
  while (points.length < needed) points.push(hover);
  return points;
}
