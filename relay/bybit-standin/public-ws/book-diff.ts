/**
 * What changed between the book a subscriber last got and now, as Bybit's delta rows: new or
 * resized levels with their size, vanished levels with size "0". `sent` (price -> size) is
 * brought up to date.
 */
export function bookDelta(sent: Map<string, string>, now: readonly [string, string][]): [string, string][] {
  const rows: [string, string][] = [];
  const current = new Map(now);
  for (const price of sent.keys()) if (!current.has(price)) rows.push([price, '0']);
  for (const [price, size] of now) if (sent.get(price) !== size) rows.push([price, size]);
  sent.clear();
  for (const [price, size] of now) sent.set(price, size);
  return rows;
}
