import { describe, expect, it } from 'vitest';
import { div, fixed, fixedText, floorToStep, isOnStep, mul } from './fixed-decimal.ts';

describe('fixed decimals', () => {
  it('reads and prints Bybit decimal strings without float artefacts', () => {
    expect(fixedText(fixed('0.1') + fixed('0.2'))).toBe('0.3');
    expect(fixedText(fixed('17071.00'))).toBe('17071');
    expect(fixedText(0n)).toBe('0');
  });

  it('multiplies exactly: the captured spot fees are qty x rate and value x rate to the last digit', () => {
    // fixtures/bybit-v5/ws/captured/execution.spot.linlichieh.json: 0.000306 BTC x 0.001 = 0.000000306
    expect(fixedText(mul(fixed('0.000306'), fixed('0.001')))).toBe('0.000000306');
    // order.spot.filled.linlichieh.json: 62.29682784 USDT x 0.001 = 0.06229682784
    expect(fixedText(mul(fixed('62.29682784'), fixed('0.001')))).toBe('0.06229682784');
  });

  it('floors onto a step and checks membership', () => {
    expect(fixedText(floorToStep(div(fixed('100'), fixed('65000.01')), fixed('0.000001')))).toBe('0.001538');
    expect(isOnStep(fixed('65000.01'), fixed('0.01'))).toBe(true);
    expect(isOnStep(fixed('65000.015'), fixed('0.01'))).toBe(false);
  });

  it('refuses text that is not a plain decimal', () => {
    expect(() => fixed('1e3')).toThrow(/decimal string/);
    expect(() => fixed('-1')).toThrow(/decimal string/);
  });
});
