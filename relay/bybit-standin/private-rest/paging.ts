/**
 * Bybit's cursor paging: `nextPageCursor` is opaque to the client and "" on the last page. Here it
 * is the id of the last item served, so a page never repeats or skips an item that existed.
 */
export function pageOf<T>(items: readonly T[], idOf: (item: T) => string, limit: number, cursor: string | undefined): { list: T[]; nextPageCursor: string } | null {
  let start = 0;
  if (cursor !== undefined) {
    const index = items.findIndex((item) => idOf(item) === cursor);
    if (index === -1) return null;
    start = index + 1;
  }
  const list = items.slice(start, start + limit);
  const more = start + limit < items.length;
  return { list, nextPageCursor: more && list.length > 0 ? idOf(list[list.length - 1]!) : '' };
}
