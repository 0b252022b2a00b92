import { z } from 'zod';

/**
 * Chart annotations in a backend-serializable form (BRD: "shapeType, points, style, label") so a
 * drawing is reproducible on any client and auditable on the relay. Only chart-space data
 * (time, price) is stored; pixels are always derived by the chart.
 */

export const SHAPE_TYPES = ['trendline', 'hline', 'rectangle', 'text'] as const;
export const ShapeTypeSchema = z.enum(SHAPE_TYPES);
export type ShapeType = z.infer<typeof ShapeTypeSchema>;

/** How many anchor points each shape needs: a line and a zone span two, a level and a note sit on one. */
export const POINTS_PER_SHAPE: Readonly<Record<ShapeType, number>> = {
  trendline: 2,
  hline: 1,
  rectangle: 2,
  text: 1,
};

export const DrawingPointSchema = z.object({
  /** Bar open time in UTC seconds, the unit lightweight-charts uses for `UTCTimestamp`. */
  time: z.int().positive('time must be UTC seconds, e.g. 1717200000'),
  price: z.number().finite().positive('price must be a positive number'),
});
export type DrawingPoint = z.infer<typeof DrawingPointSchema>;

const HexColor = z
  .string()
  .regex(/^#(?:[0-9a-f]{6}|[0-9a-f]{8})$/i, 'colour must be #rrggbb or #rrggbbaa, e.g. "#2962ff"');

export const LINE_STYLES = ['solid', 'dashed', 'dotted'] as const;
export const LineStyleSchema = z.enum(LINE_STYLES, { error: `lineStyle must be one of ${LINE_STYLES.join(', ')}` });
export type LineStyle = z.infer<typeof LineStyleSchema>;

export const DEFAULT_DRAWING_COLOR = '#2962ff';
export const DEFAULT_LINE_WIDTH = 2;

export const DrawingStyleSchema = z.object({
  /** Stroke colour (lines, zone border, text). Default: TradingView blue #2962ff. */
  color: HexColor.default(DEFAULT_DRAWING_COLOR),
  /** Stroke width in CSS pixels. Default 2. */
  lineWidth: z.int().min(1, 'lineWidth must be 1..10').max(10, 'lineWidth must be 1..10').default(DEFAULT_LINE_WIDTH),
  /** Rectangle fill; when absent the zone is filled with a translucent stroke colour. */
  fillColor: HexColor.optional(),
  /** Stroke pattern. Default solid; drawings saved before it existed read as solid. */
  lineStyle: LineStyleSchema.default('solid'),
});
export type DrawingStyle = z.infer<typeof DrawingStyleSchema>;

const IsoTimestamp = z.iso.datetime({ message: 'expected an ISO-8601 UTC timestamp, e.g. "2024-06-01T00:00:00.000Z"' });

export const DrawingSchema = z
  .object({
    id: z.uuid('id must be a UUID'),
    symbol: z.string().min(1, 'symbol is required, e.g. "BTCUSDT"').max(40),
    shapeType: ShapeTypeSchema,
    points: z.array(DrawingPointSchema),
    /** Default: `{ color: '#2962ff', lineWidth: 2, lineStyle: 'solid' }`. */
    style: DrawingStyleSchema.default({ color: DEFAULT_DRAWING_COLOR, lineWidth: DEFAULT_LINE_WIDTH, lineStyle: 'solid' }),
    /** Free text shown by `text` drawings and as a caption on others. Default empty. */
    label: z.string().max(200, 'label must be at most 200 characters').default(''),
    createdAt: IsoTimestamp,
    /** Last-writer-wins key when the browser and the relay disagree. */
    updatedAt: IsoTimestamp,
  })
  .superRefine((drawing, ctx) => {
    const expected = POINTS_PER_SHAPE[drawing.shapeType];
    if (drawing.points.length !== expected) {
      ctx.addIssue({
        code: 'custom',
        path: ['points'],
        message: `a ${drawing.shapeType} needs exactly ${expected} point(s), got ${drawing.points.length}`,
      });
    }
  })
  .meta({
    examples: [
      {
        id: '3f1c2a9e-6f55-4c8e-9a43-2d1f0b7c9e10',
        symbol: 'BTCUSDT',
        shapeType: 'hline',
        points: [{ time: 1717200000, price: 67250.5 }],
        style: { color: '#2962ff', lineWidth: 2, lineStyle: 'solid' },
        label: 'support',
        createdAt: '2024-06-01T00:00:00.000Z',
        updatedAt: '2024-06-01T00:00:00.000Z',
      },
    ],
  });
export type Drawing = z.infer<typeof DrawingSchema>;
/** What a caller may send before defaults are applied. */
export type DrawingInput = z.input<typeof DrawingSchema>;

/** GET /api/v1/drawings?symbol=BTCUSDT */
export const ListDrawingsQuerySchema = z.object({
  symbol: z
    .string({ error: 'query parameter "symbol" is required, e.g. ?symbol=BTCUSDT' })
    .regex(/^[A-Z0-9]{2,30}$/, 'query parameter "symbol" must be an upper-case spot symbol such as BTCUSDT'),
});
/** A stored drawing that no longer passes the contract (e.g. a hand-edited row), left out of a list. */
export const SkippedDrawingSchema = z.object({ id: z.string(), reason: z.string() });
export type SkippedDrawing = z.infer<typeof SkippedDrawingSchema>;
/** `skipped` names stored drawings that could not be read, so one bad row never hides the rest. */
export const ListDrawingsResponseSchema = z.object({ drawings: z.array(DrawingSchema), skipped: z.array(SkippedDrawingSchema) });
export type ListDrawingsResponse = z.infer<typeof ListDrawingsResponseSchema>;

/** PUT /api/v1/drawings/:id — body is a full Drawing whose id matches the path; upsert. */
export const PutDrawingResponseSchema = z.object({
  drawing: DrawingSchema,
  created: z.boolean(),
});
export type PutDrawingResponse = z.infer<typeof PutDrawingResponseSchema>;

/** DELETE /api/v1/drawings/:id — 404 when the id is unknown. Errors use the relay's ApiError body. */
export const DeleteDrawingResponseSchema = z.object({ deleted: z.literal(true), id: z.uuid() });
export type DeleteDrawingResponse = z.infer<typeof DeleteDrawingResponseSchema>;
