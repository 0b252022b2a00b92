import { FIXED_DECIMALS, type Fixed } from '../../../shared/matching/fixed-decimal.ts';
import { formatUnits } from '../../../shared/strategy/decimal-step.ts';
import { decimalsOf } from '../market/decimal-text.ts';

/**
 * Bybit pads spot amounts to the instrument's step ("qty":"10.000000", "cumExecValue":"9.98631000",
 * "triggerPrice":"0.00" in fixtures/bybit-v5/ws/captured/order.spot.linlichieh.json), truncating
 * anything finer; fees and averages it sends trimmed ("0.000000306").
 */
export function paddedTo(step: string, value: Fixed): string {
  const decimals = decimalsOf(step);
  return formatUnits(value / 10n ** BigInt(FIXED_DECIMALS - decimals), decimals);
}
