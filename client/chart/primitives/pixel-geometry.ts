/** Media (CSS) pixel coordinates inside the chart pane. */
export interface PixelPoint {
  x: number;
  y: number;
}

/** A drawing after projection onto the pane; what gets painted and hit-tested. */
export type PixelShape =
  | { kind: 'segment'; a: PixelPoint; b: PixelPoint }
  /** A price level spanning the whole pane; `anchorX` is where its handle sits (null when off-screen). */
  | { kind: 'hline'; y: number; anchorX: number | null; paneWidth: number }
  | { kind: 'rect'; a: PixelPoint; b: PixelPoint }
  /** Text box whose bottom-left corner is the anchor. */
  | { kind: 'text'; anchor: PixelPoint; width: number; height: number };

export function distanceToSegment(p: PixelPoint, a: PixelPoint, b: PixelPoint): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** Distance from a point to a box; 0 when inside. */
function distanceToBox(p: PixelPoint, left: number, top: number, right: number, bottom: number): number {
  const dx = Math.max(left - p.x, 0, p.x - right);
  const dy = Math.max(top - p.y, 0, p.y - bottom);
  return Math.hypot(dx, dy);
}

/** How far a click is from a shape in pixels; 0 anywhere inside a zone or text box. */
export function distanceToShape(shape: PixelShape, p: PixelPoint): number {
  switch (shape.kind) {
    case 'segment':
      return distanceToSegment(p, shape.a, shape.b);
    case 'hline':
      return p.x < 0 || p.x > shape.paneWidth ? Infinity : Math.abs(p.y - shape.y);
    case 'rect':
      return distanceToBox(
        p,
        Math.min(shape.a.x, shape.b.x),
        Math.min(shape.a.y, shape.b.y),
        Math.max(shape.a.x, shape.b.x),
        Math.max(shape.a.y, shape.b.y),
      );
    case 'text':
      return distanceToBox(p, shape.anchor.x, shape.anchor.y - shape.height, shape.anchor.x + shape.width, shape.anchor.y);
  }
}

/** Area used to prefer the smaller of overlapping shapes when a click is inside several. */
export function shapeArea(shape: PixelShape): number {
  switch (shape.kind) {
    case 'rect':
      return Math.abs(shape.a.x - shape.b.x) * Math.abs(shape.a.y - shape.b.y);
    case 'text':
      return shape.width * shape.height;
    default:
      return 0;
  }
}

/** Where selection handles go: the shape's anchor points. */
export function handlePoints(shape: PixelShape): PixelPoint[] {
  switch (shape.kind) {
    case 'segment':
      return [shape.a, shape.b];
    case 'hline':
      return shape.anchorX === null ? [] : [{ x: shape.anchorX, y: shape.y }];
    case 'rect':
      return [shape.a, { x: shape.b.x, y: shape.a.y }, shape.b, { x: shape.a.x, y: shape.b.y }];
    case 'text':
      return [shape.anchor];
  }
}

export interface HitCandidate<Id> {
  id: Id;
  shape: PixelShape;
}

/**
 * Picks the shape a click means: the nearest within `tolerance` pixels; among shapes the click is
 * inside (zones, text boxes), the smallest, so a zone drawn inside a larger one stays reachable.
 */
export function pickShape<Id>(candidates: readonly HitCandidate<Id>[], p: PixelPoint, tolerance: number): Id | null {
  let best: { id: Id; distance: number; area: number } | null = null;
  for (const { id, shape } of candidates) {
    const distance = distanceToShape(shape, p);
    if (distance > tolerance) continue;
    const area = shapeArea(shape);
    if (best === null || distance < best.distance || (distance === best.distance && area < best.area)) {
      best = { id, distance, area };
    }
  }
  return best?.id ?? null;
}
