import { useState } from 'react';
import { STRATEGIES, STRATEGY_IDS, type StrategyEntry } from '../../shared/strategy/index.ts';
import type { StrategyVersion } from '../../shared/strategy-versions/index.ts';
import { useReadOnly } from '../access/read-only.ts';
import { useSymbols } from '../market/market-queries.ts';
import { useRecentRuns } from '../simulation/run-queries.ts';
import { fetchSimulation } from '../simulation/simulations-api.ts';
import { useSimulationJobs } from '../simulation/use-simulation-jobs.ts';
import { actionError, type ActionError } from './action-error.ts';
import { ActionProblem } from './ActionProblem.tsx';
import { ActiveVersion } from './ActiveVersion.tsx';
import { EvidencePanel } from './EvidencePanel.tsx';
import { evidenceRunFor, type EvidenceCandidate } from './evidence-run.ts';
import { NewVersionForm } from './NewVersionForm.tsx';
import { ReviewPanel } from './ReviewPanel.tsx';
import { RunnerPanel } from './RunnerPanel.tsx';
import { useVersionAction, useVersions, type VersionAction } from './version-queries.ts';
import { versionComparison } from './version-simulation.ts';
import { VersionHistory } from './VersionHistory.tsx';
import './workbench.css';

interface Props {
  strategyId: string;
  onBack: () => void;
}

/** `#/strategies/:id`: one strategy's versions, the evidence for each, and the operator's decisions on them. */
export function StrategyWorkbench({ strategyId, onBack }: Props) {
  const entry = STRATEGIES[strategyId];
  return (
    <div className="wb-page" data-testid="strategy-workbench" data-strategy-id={strategyId}>
      <div className="toolbar">
        <a
          href="#/strategies"
          className="wb-back"
          onClick={(e) => {
            e.preventDefault();
            onBack();
          }}
        >
          ← Strategies
        </a>
        <h2>{entry?.name ?? strategyId}</h2>
        {entry && (
          <span className="muted">
            {entry.id}@{entry.version}
          </span>
        )}
      </div>
      {entry ? (
        <Workbench entry={entry} />
      ) : (
        <p className="state error" role="alert" data-testid="wb-unknown-strategy">
          There is no strategy &quot;{strategyId}&quot;; the registered ones are {STRATEGY_IDS.join(', ')}.
        </p>
      )}
    </div>
  );
}

function Workbench({ entry }: { entry: StrategyEntry }) {
  const versions = useVersions(entry.id);
  const action = useVersionAction(entry.id);
  const readOnly = useReadOnly();
  const symbols = useSymbols();
  const recentRuns = useRecentRuns();
  const jobs = useSimulationJobs();
  const [subject, setSubject] = useState<string | null>(null);
  const [problem, setProblem] = useState<ActionError | null>(null);

  const list = versions.data?.versions ?? [];
  const active = list.find((v) => v.approvalState === 'active');
  const newest = list.reduce<StrategyVersion | null>((a, v) => (a === null || v.version > a.version ? v : a), null);
  // Decisions are the relay's: none while only the browser's copy is shown.
  const busy = action.isPending || jobs.job.running || versions.data?.from === 'mirror';

  const run = (next: VersionAction) => {
    setProblem(null);
    action.mutate(next, { onError: (err) => setProblem(actionError(err)) });
  };

  const simulate = (version: StrategyVersion) => {
    setProblem(null);
    const parent = list.find((v) => v.version === version.parentVersion);
    const instrument = symbols.data?.find((s) => s.symbol === version.market.symbol);
    const checked = versionComparison(version, parent?.params ?? entry.parseParams({}), instrument, Date.now());
    if (!checked.ok) {
      setProblem({ message: `cannot simulate v${version.version}: ${Object.values(checked.errors).join('; ')}`, missing: [] });
      return;
    }
    setSubject(`v${version.version} against ${parent ? `v${parent.version}` : 'the default params'}`);
    void jobs.runComparison(checked.value.inputs, checked.value.baselineParams, checked.value.comparison);
  };

  const showRun = async (runId: string, about: string) => {
    setProblem(null);
    setSubject(about);
    try {
      const { simulation } = await fetchSimulation(runId);
      await jobs.reopen({ ...simulation, relay: { status: 'posted', error: null } });
    } catch (err) {
      setProblem(actionError(err));
    }
  };

  const approve = async (version: StrategyVersion) => {
    setProblem(null);
    const shown: EvidenceCandidate[] = jobs.result?.kind === 'comparison' ? [jobs.result.stored] : [];
    const evidence = version.evidenceRunId ?? (await evidenceRunFor(version, [...shown, ...(recentRuns.data ?? [])]))?.runId;
    if (evidence === undefined) {
      setProblem({
        message: `no recorded comparison of v${version.version}'s exact params on ${version.market.symbol} ${version.market.interval} in this browser: press Simulate (the run is recorded on the relay), then approve`,
        missing: [],
      });
      return;
    }
    run({ kind: 'approve', version: version.version, runId: evidence });
  };

  return (
    <div className="wb-columns">
      <div className="wb-main">
        {versions.error && (
          <p className="state error" role="alert" data-testid="wb-versions-error">
            cannot load the versions of {entry.id}: {versions.error.message}
          </p>
        )}
        {versions.data?.from === 'mirror' && (
          <p className="state warn" role="status" data-testid="wb-versions-offline">
            Showing this browser&apos;s last copy of the versions: {versions.data.problem}. Decisions wait until the relay is back.
          </p>
        )}
        {readOnly && (
          <p className="state" data-testid="wb-viewer-note">
            Signed in as a viewer: you can read everything here, but approving, activating, rolling back and simulating need the operator token.
          </p>
        )}
        <ActiveVersion active={active} readOnly={readOnly} busy={busy} onRollback={() => run({ kind: 'rollback' })} />
        <RunnerPanel strategyId={entry.id} activeVersion={active?.version ?? null} />
        <section className="wb-section">
          <h3>Versions</h3>
          <ActionProblem problem={problem} />
          {versions.isPending ? (
            <p className="state">Loading versions…</p>
          ) : (
            <VersionHistory
              versions={list}
              readOnly={readOnly}
              busy={busy}
              handlers={{
                simulate,
                showEvidence: (v) => {
                  if (v.evidenceRunId !== null) void showRun(v.evidenceRunId, `v${v.version}, the run it was approved on`);
                },
                approve: (v) => void approve(v),
                reject: (v, reason) => run({ kind: 'reject', version: v.version, reason }),
                activate: (v) => run({ kind: 'activate', version: v.version }),
              }}
            />
          )}
          {!readOnly && versions.isSuccess && (
            <NewVersionForm
              key={active?.version ?? newest?.version ?? 0}
              strategyId={entry.id}
              from={active ?? newest}
              symbols={(symbols.data ?? []).map((s) => s.symbol).sort()}
              busy={busy}
              onCreate={(request) => run({ kind: 'create', request })}
            />
          )}
        </section>
        <ReviewPanel
          entry={entry}
          base={active ?? newest}
          readOnly={readOnly}
          busy={busy}
          onShowRun={(runId, about) => void showRun(runId, about)}
          onDraft={(request) => run({ kind: 'create', request })}
        />
      </div>
      <EvidencePanel jobs={jobs} subject={subject} />
    </div>
  );
}
