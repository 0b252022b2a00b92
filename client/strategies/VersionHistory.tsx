import { Fragment, useState } from 'react';
import type { StrategyVersion } from '../../shared/strategy-versions/index.ts';
import { formatTime } from '../simulation/result-view.ts';
import { paramChanges } from './param-changes.ts';
import { ParamChangeList } from './ParamChangeList.tsx';
import { VersionState } from './VersionState.tsx';

export interface VersionHandlers {
  simulate: (version: StrategyVersion) => void;
  showEvidence: (version: StrategyVersion) => void;
  approve: (version: StrategyVersion) => void;
  reject: (version: StrategyVersion, reason: string) => void;
  activate: (version: StrategyVersion) => void;
}

interface Props {
  versions: readonly StrategyVersion[];
  /** A viewer sees the history without any of the operator's buttons. */
  readOnly: boolean;
  /** A write or a simulation is under way: the buttons wait. */
  busy: boolean;
  handlers: VersionHandlers;
}

const at = (iso: string) => formatTime(Date.parse(iso));

function Changes({ version, parent }: { version: StrategyVersion; parent: StrategyVersion | undefined }) {
  if (!parent) return <span className="muted">first version</span>;
  const changes = paramChanges(version.strategyId, parent.params, version.params);
  if (changes.length === 0) return <span className="muted">same params as v{parent.version}</span>;
  return <ParamChangeList changes={changes} testId="version-changes" />;
}

/** Every version, newest first, with what changed from its parent and what may be done with it next. */
export function VersionHistory({ versions, readOnly, busy, handlers }: Props) {
  // The relay keeps why a version was rejected, so rejecting asks for the reason in place.
  const [rejecting, setRejecting] = useState<{ version: number; reason: string } | null>(null);
  if (versions.length === 0) return <p className="state">No versions yet{readOnly ? '.' : ': create the first one below.'}</p>;
  const byNumber = new Map(versions.map((v) => [v.version, v]));
  const newestFirst = [...versions].sort((a, b) => b.version - a.version);
  return (
    <div className="wb-scroll">
      <table className="sim-table wb-versions" data-testid="version-history">
        <thead>
          <tr>
            <th>Version</th>
            <th>State</th>
            <th>Market</th>
            <th>Changes</th>
            <th>Origin</th>
            <th>Last change (UTC)</th>
            <th>Evidence</th>
            {!readOnly && <th />}
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((v) => {
            const undecided = v.approvalState === 'draft' || v.approvalState === 'simulated';
            return (
              <Fragment key={v.version}>
              <tr data-testid="version-row" data-version={v.version} data-state={v.approvalState}>
                <td title={v.paramsHash}>
                  v{v.version} <span className="muted">({v.codeVersion})</span>
                </td>
                <td>
                  <VersionState state={v.approvalState} />
                </td>
                <td>
                  {v.market.symbol} {v.market.interval}
                </td>
                <td>
                  <Changes version={v} parent={v.parentVersion === null ? undefined : byNumber.get(v.parentVersion)} />
                </td>
                <td>{v.origin.kind === 'manual' ? v.origin.note || 'by hand' : `AI suggestion ${v.origin.suggestionId.slice(0, 8)}`}</td>
                <td>
                  {at(v.stateChangedAt)} <span className="muted">{v.stateChangedBy ?? 'relay'}</span>
                </td>
                <td>
                  {v.evidenceRunId ? (
                    <button type="button" className="wb-link" data-testid="version-evidence" disabled={busy} onClick={() => handlers.showEvidence(v)}>
                      run {v.evidenceRunId.slice(0, 8)}
                    </button>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                {!readOnly && (
                  <td>
                    <div className="wb-actions">
                    {v.approvalState !== 'retired' && v.approvalState !== 'active' && (
                      <button type="button" data-testid="version-simulate" disabled={busy} onClick={() => handlers.simulate(v)}>
                        Simulate
                      </button>
                    )}
                    {undecided && (
                      <>
                        <button type="button" className="wb-approve" data-testid="version-approve" disabled={busy} onClick={() => handlers.approve(v)}>
                          Approve
                        </button>
                        <button type="button" data-testid="version-reject" disabled={busy} onClick={() => setRejecting({ version: v.version, reason: '' })}>
                          Reject
                        </button>
                      </>
                    )}
                    {v.approvalState === 'approved' && (
                      <button type="button" className="wb-approve" data-testid="version-activate" disabled={busy} onClick={() => handlers.activate(v)}>
                        Activate
                      </button>
                    )}
                    </div>
                  </td>
                )}
              </tr>
              {rejecting?.version === v.version && (
                <tr className="wb-reject-row">
                  <td colSpan={8}>
                    <form
                      className="wb-reject"
                      onSubmit={(e) => {
                        e.preventDefault();
                        handlers.reject(v, rejecting.reason);
                        setRejecting(null);
                      }}
                    >
                      <input
                        data-testid="version-reject-reason"
                        aria-label={`Why v${v.version} is rejected`}
                        placeholder={`why v${v.version} is rejected`}
                        value={rejecting.reason}
                        maxLength={2000}
                        onChange={(e) => setRejecting({ version: v.version, reason: e.target.value })}
                      />
                      <button type="submit" data-testid="version-reject-confirm" disabled={busy || rejecting.reason.trim() === ''}>
                        Reject v{v.version}
                      </button>
                      <button type="button" onClick={() => setRejecting(null)}>
                        Keep it
                      </button>
                    </form>
                  </td>
                </tr>
              )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
