import { useState } from 'react';
import type { LiveArmState } from '../../shared/execution/index.ts';
import type { BybitEnv } from '../../shared/market/relay-modes.ts';
import { useSetLiveArmed } from './orders-queries.ts';

/** The Bybit environment in the words an operator confirms against. */
const ENV_NAMES: Record<BybitEnv, string> = { sim: 'the offline stand-in', demo: 'Bybit demo trading', testnet: 'Bybit testnet', mainnet: 'Bybit MAINNET (real funds)' };

/** Live orders wait for this: arming (after a confirm naming the environment) or disarming live trading for this relay. */
export function LiveArm({ state, bybitEnv, disabledReason }: { state: LiveArmState; bybitEnv: BybitEnv; disabledReason: string | null }) {
  const [confirming, setConfirming] = useState(false);
  const setArmed = useSetLiveArmed();
  const env = ENV_NAMES[bybitEnv];
  return (
    <div className={`live-arm ${state.armed ? 'armed' : 'disarmed'}`} data-testid="live-arm" data-armed={state.armed}>
      <span data-testid="live-arm-state">{state.armed ? `LIVE ARMED — orders go to ${env}` : `Live trading is not armed: orders to ${env} are refused`}</span>
      {state.armed ? (
        <button type="button" disabled={disabledReason !== null || setArmed.isPending} title={disabledReason ?? undefined} onClick={() => setArmed.mutate(false)} data-testid="live-disarm">
          Disarm
        </button>
      ) : (
        <button type="button" className="arm-button" disabled={disabledReason !== null || setArmed.isPending} title={disabledReason ?? undefined} onClick={() => setConfirming(true)} data-testid="live-arm-button">
          Arm live…
        </button>
      )}
      {confirming && !state.armed && (
        <div className="kill-confirm" role="alertdialog" aria-label="Confirm live trading" data-testid="live-arm-confirm">
          <span>Send real, signed orders to {env} until disarmed or the kill switch?</span>
          <button
            type="button"
            className="arm-button"
            onClick={() => {
              setConfirming(false);
              setArmed.mutate(true);
            }}
            data-testid="live-arm-yes"
          >
            Arm live on {bybitEnv}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Keep disarmed
          </button>
        </div>
      )}
      {setArmed.error && (
        <p className="ticket-error" role="alert">
          arming failed: {setArmed.error.message}
        </p>
      )}
    </div>
  );
}
