import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { IndicatorDb } from './indicator-db.ts';
import { addIndicator, instanceLabel, removeIndicator, replaceInstance } from './indicator-set.ts';
import { IndicatorSetStore } from './indicator-set-store.ts';
import { parseIndicatorSpec } from '../../shared/indicators/index.ts';

let db: IndicatorDb;
afterEach(async () => db?.delete());

describe('indicator set persistence', () => {
  it('restores the chosen set per user after reopening the database', async () => {
    const name = `set-test-${Date.now()}`;
    db = new IndicatorDb(name);
    let items = addIndicator([], 'ema', 'a');
    items = addIndicator(items, 'rsi', 'b');
    items = addIndicator(items, 'sma', 'c');
    items = replaceInstance(items, 'a', { spec: parseIndicatorSpec({ name: 'ema', params: { period: 50 } }), visible: false });
    items = removeIndicator(items, 'c');
    await new IndicatorSetStore(db, 'alice').save(items);
    await new IndicatorSetStore(db, 'bob').save(addIndicator([], 'atr', 'z'));
    db.close();

    db = new IndicatorDb(name);
    const alice = await new IndicatorSetStore(db, 'alice').load();
    expect(alice.problem).toBeNull();
    expect(alice.items.map((i) => [instanceLabel(i.spec), i.visible])).toEqual([
      ['EMA(50)', false],
      ['RSI(14)', true],
    ]);
    expect(alice.items[0]!.color).not.toBe(alice.items[1]!.color);
    expect((await new IndicatorSetStore(db, 'bob').load()).items.map((i) => i.spec.name)).toEqual(['atr']);
    expect(await new IndicatorSetStore(db, 'carol').load()).toEqual({ items: [], problem: null });
  });

  it('reports an unreadable saved set instead of throwing, and refuses to save an invalid one', async () => {
    db = new IndicatorDb(`set-bad-${Date.now()}`);
    await db.sets.put({ userId: 'local', version: 1, items: [{ id: 'x', spec: { name: 'ema', params: { period: -3 } }, visible: true, color: '#ffffff' }] } as never);
    const loaded = await new IndicatorSetStore(db).load();
    expect(loaded.items).toEqual([]);
    expect(loaded.problem).toMatch(/period must be at least 1/);
    await expect(new IndicatorSetStore(db).save([{ id: 'y', spec: parseIndicatorSpec({ name: 'sma' }), visible: true, color: 'red' }])).rejects.toThrow(
      /hex colour/,
    );
  });
});
