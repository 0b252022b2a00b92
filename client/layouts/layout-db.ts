import Dexie, { type Table } from 'dexie';
import type { ChartLayout } from '../../shared/layouts/index.ts';

/** A layout as the browser keeps it: `synced` is false until the relay acknowledged this version. */
export interface StoredLayout {
  layout: ChartLayout;
  symbol: string;
  interval: string;
  synced: boolean;
}

/** Own database so its schema versions never collide with the other stores'. */
export class LayoutDb extends Dexie {
  layouts!: Table<StoredLayout, [string, string]>;

  constructor(name = 'portal-layouts') {
    super(name);
    this.version(1).stores({ layouts: '[symbol+interval]' });
  }
}
