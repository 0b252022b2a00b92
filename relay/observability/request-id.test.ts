import { describe, expect, it } from 'vitest';
import { acceptRequestId } from './request-id.ts';

describe('acceptRequestId', () => {
  const fresh = () => 'generated';

  it('keeps a UUID or another short header-safe id', () => {
    for (const id of [crypto.randomUUID(), 'abc-123', 'ui:chart.load_7', 'x'.repeat(128)]) expect(acceptRequestId(id, fresh)).toBe(id);
  });

  it('replaces a missing, empty, too long or unsafe one', () => {
    for (const id of [undefined, '', 'x'.repeat(129), 'a b', 'a\nb', 'id"}', '<script>', 'ä-umlaut', 'a,b']) {
      expect(acceptRequestId(id, fresh), JSON.stringify(id)).toBe('generated');
    }
  });
});
