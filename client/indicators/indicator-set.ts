import { z } from 'zod';
import { INDICATORS, IndicatorSpecSchema, type IndicatorName, type IndicatorSpec } from '../../shared/indicators/index.ts';
import { IndicatorInstanceSchema, type IndicatorInstance } from '../../shared/layouts/index.ts';

export { IndicatorInstanceSchema, type IndicatorInstance } from '../../shared/layouts/index.ts';

/** The chosen set as stored per user; `version` lets a later layout migrate old rows. */
export const StoredIndicatorSetSchema = z.object({
  userId: z.string().min(1),
  version: z.literal(1),
  items: z.array(IndicatorInstanceSchema),
});
export type StoredIndicatorSet = z.infer<typeof StoredIndicatorSetSchema>;

/** Line colours handed out in turn, readable on the dark chart background. */
export const PALETTE = ['#f5a623', '#4fc3f7', '#ba68c8', '#ffd54f', '#4db6ac', '#f06292', '#aed581'] as const;

/** Short chart label such as `EMA(20)` or `MACD(12, 26, 9)`. */
export function instanceLabel(spec: IndicatorSpec): string {
  const args = Object.values(spec.params as Record<string, unknown>);
  const name = spec.name.toUpperCase();
  return args.length === 0 ? name : `${name}(${args.join(', ')})`;
}

export function nextColor(items: readonly IndicatorInstance[]): string {
  const used = new Set(items.map((item) => item.color));
  return PALETTE.find((color) => !used.has(color)) ?? PALETTE[items.length % PALETTE.length]!;
}

export function addIndicator(items: readonly IndicatorInstance[], name: IndicatorName, id: string): IndicatorInstance[] {
  const spec = IndicatorSpecSchema.parse({ name });
  return [...items, { id, spec, visible: true, color: nextColor(items) }];
}

export function replaceInstance(items: readonly IndicatorInstance[], id: string, change: Partial<Omit<IndicatorInstance, 'id'>>): IndicatorInstance[] {
  return items.map((item) => (item.id === id ? { ...item, ...change } : item));
}

export function removeIndicator(items: readonly IndicatorInstance[], id: string): IndicatorInstance[] {
  return items.filter((item) => item.id !== id);
}

export function isPricePane(spec: IndicatorSpec): boolean {
  return INDICATORS[spec.name].pane === 'price';
}
