import { useState } from 'react';
import { useCancelAll } from './orders-queries.ts';

/** Cancels every open order and halts running strategies, after a confirm. */
export function KillSwitch({ disabledReason }: { disabledReason: string | null }) {
  const [confirming, setConfirming] = useState(false);
  const cancelAll = useCancelAll();
  const result = cancelAll.data;
  return (
    <div className="kill-switch">
      <button type="button" className="kill-button" disabled={disabledReason !== null || cancelAll.isPending} title={disabledReason ?? 'Cancel every open order and halt strategies'} onClick={() => setConfirming(true)} data-testid="kill-switch">
        Kill switch
      </button>
      {confirming && (
        <div className="kill-confirm" role="alertdialog" aria-label="Confirm kill switch" data-testid="kill-confirm">
          <span>Cancel every open order and halt all strategies?</span>
          <button
            type="button"
            className="kill-button"
            onClick={() => {
              setConfirming(false);
              cancelAll.mutate();
            }}
            data-testid="kill-confirm-yes"
          >
            Cancel all
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </div>
      )}
      {cancelAll.error && (
        <p className="ticket-error" role="alert">
          kill switch failed: {cancelAll.error.message}
        </p>
      )}
      {result && (
        <p className="orders-note" data-testid="kill-result">
          cancelled {result.cancelled.length}
          {result.failed.length > 0 && `, not cancelled ${result.failed.length}: ${result.failed.map((f) => f.message).join('; ')}`}
          {result.haltedStrategies.length > 0 && `, halted ${result.haltedStrategies.join(', ')}`}
        </p>
      )}
    </div>
  );
}
