import { describe, expect, it } from 'vitest';
import { chartShortcut, type KeyPress } from './chart-shortcuts.ts';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  inField: false,
  ...extra,
});

describe('chart shortcuts', () => {
  it('maps the digit keys to the intervals in order and ignores digits past them', () => {
    expect(chartShortcut(press('1'))).toEqual({ kind: 'interval', interval: '1m' });
    expect(chartShortcut(press('4'))).toEqual({ kind: 'interval', interval: '1h' });
    expect(chartShortcut(press('6'))).toEqual({ kind: 'interval', interval: '1d' });
    expect(chartShortcut(press('7'))).toBeNull();
    expect(chartShortcut(press('0'))).toBeNull();
  });

  it('opens the search, the help, deletes, and undoes/redoes with the usual chords', () => {
    expect(chartShortcut(press('/'))).toEqual({ kind: 'search' });
    expect(chartShortcut(press('?', { shiftKey: true }))).toEqual({ kind: 'help' });
    expect(chartShortcut(press('Delete'))).toEqual({ kind: 'delete' });
    expect(chartShortcut(press('Backspace'))).toEqual({ kind: 'delete' });
    expect(chartShortcut(press('z', { ctrlKey: true }))).toEqual({ kind: 'undo' });
    expect(chartShortcut(press('Z', { ctrlKey: true, shiftKey: true }))).toEqual({ kind: 'redo' });
    expect(chartShortcut(press('z', { metaKey: true, shiftKey: true }))).toEqual({ kind: 'redo' });
    expect(chartShortcut(press('y', { ctrlKey: true }))).toEqual({ kind: 'redo' });
  });

  it('leaves keys typed into fields and browser chords alone, but Esc always closes', () => {
    expect(chartShortcut(press('1', { inField: true }))).toBeNull();
    expect(chartShortcut(press('Backspace', { inField: true }))).toBeNull();
    expect(chartShortcut(press('z', { ctrlKey: true, inField: true }))).toBeNull();
    expect(chartShortcut(press('1', { ctrlKey: true }))).toBeNull();
    expect(chartShortcut(press('1', { altKey: true }))).toBeNull();
    expect(chartShortcut(press('Escape', { inField: true }))).toEqual({ kind: 'escape' });
  });
});
