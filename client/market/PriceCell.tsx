import { useState } from 'react';
import { formatPrice } from './format.ts';

/** A price that flashes green/red for a moment whenever it changes. */
export function PriceCell({ value, tickSize }: { value: number | null; tickSize: string }) {
  const [previous, setPrevious] = useState(value);
  const [flash, setFlash] = useState<{ direction: 'up' | 'down'; seq: number } | null>(null);
  if (value !== previous) {
    // Adjusting state while rendering (React's documented pattern) avoids an extra effect pass.
    setPrevious(value);
    if (value !== null && previous !== null) {
      setFlash({ direction: value > previous ? 'up' : 'down', seq: (flash?.seq ?? 0) + 1 });
    }
  }
  return (
    <td className="num" data-testid="price-cell">
      {/* A new key restarts the CSS animation on every change. */}
      <span key={flash?.seq ?? 0} className={flash ? `flash-${flash.direction}` : undefined}>
        {formatPrice(value, tickSize)}
      </span>
    </td>
  );
}
