import { z } from 'zod';
import { IndicatorSpecSchema } from '../indicators/index.ts';
import { IntervalSchema } from '../market/index.ts';

/**
 * A chart's layout for one symbol and interval: which indicators (and so which panes) it shows and
 * its toggles. Kept on the relay like drawings, so a fresh browser opens the same chart.
 */

const HexColorSchema = z.string().regex(/^#[0-9a-f]{6}$/i, 'color must be a hex colour such as #f5a623');

/** One indicator the user put on the chart; oscillators get their own pane below the price. */
export const IndicatorInstanceSchema = z.object({
  id: z.string().min(1),
  spec: IndicatorSpecSchema,
  visible: z.boolean(),
  color: HexColorSchema,
});
export type IndicatorInstance = z.infer<typeof IndicatorInstanceSchema>;

const StretchSchema = z.number().positive('a pane size must be positive').max(100, 'a pane size must be at most 100');

/**
 * The panes' heights as lightweight-charts stretch factors (shares of the chart's height), set by
 * dragging the dividers: the price pane's and each oscillator's, by indicator instance id.
 */
export const PaneStretchSchema = z.object({
  price: StretchSchema,
  indicators: z.record(z.string().min(1), StretchSchema),
});
export type PaneStretch = z.infer<typeof PaneStretchSchema>;

export const ChartLayoutSchema = z.object({
  symbol: z.string().min(1, 'symbol is required, e.g. "BTCUSDT"').max(40).regex(/^[A-Z0-9]+$/, 'symbol must be upper-case letters and digits, e.g. "BTCUSDT"'),
  interval: IntervalSchema,
  indicators: z.array(IndicatorInstanceSchema).max(30, 'at most 30 indicators per chart'),
  volumeProfile: z.boolean(),
  /** Null (the default, also for layouts saved before panes could be resized): the standard sizes. */
  paneStretch: PaneStretchSchema.nullable().default(null),
  /** Last-writer-wins key between the browser's copy and the relay's. */
  updatedAt: z.iso.datetime({ message: 'expected an ISO-8601 UTC timestamp, e.g. "2024-06-01T00:00:00.000Z"' }),
}).meta({
  examples: [
    {
      symbol: 'BTCUSDT',
      interval: '1h',
      indicators: [{ id: 'sma-1', spec: { name: 'sma', params: { period: 20 } }, visible: true, color: '#f5a623' }],
      volumeProfile: false,
      paneStretch: null,
      updatedAt: '2024-06-01T00:00:00.000Z',
    },
  ],
});
export type ChartLayout = z.infer<typeof ChartLayoutSchema>;

/** Path parameters of GET/PUT /api/v1/layouts/{symbol}/{interval}. */
export const LayoutKeySchema = ChartLayoutSchema.pick({ symbol: true, interval: true });
export type LayoutKey = z.infer<typeof LayoutKeySchema>;

/**
 * GET answers `{ layout }`, null for a chart never laid out (a normal state, so not a 404 that
 * every fresh chart would log as a failed request); PUT takes a full ChartLayout and echoes it.
 * A stored row that fails the contract (a hand-edited database) answers null with `unreadable`
 * saying why, like skipped drawings: the chart opens empty and its next save replaces the row.
 */
export const LayoutResponseSchema = z.object({ layout: ChartLayoutSchema.nullable(), unreadable: z.string().optional() });
export type LayoutResponse = z.infer<typeof LayoutResponseSchema>;

/** The layout a chart starts with before anything was saved. */
export function emptyLayout({ symbol, interval }: LayoutKey): ChartLayout {
  return { symbol, interval, indicators: [], volumeProfile: false, paneStretch: null, updatedAt: new Date(0).toISOString() };
}
