import type { ComparisonReport } from '../../shared/backtest/index.ts';
import { formatNumber, formatPct, formatTime } from './result-view.ts';

const SCORE_LABELS = { sharpe: 'Sharpe ratio', netReturn: 'net return' } as const;

const paramsText = (params: Record<string, unknown>) =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');

/**
 * Verdict first, then why: reasons, the in-sample/out-of-sample split and the k folds, the
 * walk-forward re-fits with their stitched out-of-sample result, and every threshold the verdict
 * was judged by (the recorded config decides it).
 */
export function ComparisonView({ report }: { report: ComparisonReport }) {
  const { config, walkForward: wf } = report;
  const score = config.score;
  const scoreLabel = SCORE_LABELS[score];
  const scoreText = (x: number) => (score === 'netReturn' ? formatPct(x) : formatNumber(x));
  return (
    <section className="sim-comparison" data-testid="sim-comparison">
      <div className="sim-verdict-row">
        <span className={`sim-verdict verdict-${report.verdict}`} data-testid="sim-verdict" data-verdict={report.verdict}>
          Candidate is {report.verdict}
        </span>
        {report.overfitting ? (
          <span className="sim-overfit" data-testid="sim-overfit" data-overfitting="true">
            Overfitting risk: in-sample gain does not carry over
          </span>
        ) : (
          <span className="sim-overfit ok" data-testid="sim-overfit" data-overfitting="false">
            No overfitting flag
          </span>
        )}
        <span className={`sim-overfit${wf.overfitting ? '' : ' ok'}`} data-testid="sim-wf-overfit" data-overfitting={String(wf.overfitting)}>
          {wf.overfitting
            ? `Walk-forward overfitting: re-fits keep ${formatPct(wf.efficiency)} of their in-sample ${scoreLabel} out of sample`
            : `Walk-forward: no overfitting flag (efficiency ${wf.efficiency === null ? 'n/a, no in-sample edge' : formatPct(wf.efficiency)})`}
        </span>
      </div>
      <ul className="sim-reasons" data-testid="sim-reasons">
        {report.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <table className="sim-table" data-testid="sim-split">
        <thead>
          <tr>
            <th>Window (fixed params)</th>
            <th>Baseline {scoreLabel}</th>
            <th>Candidate {scoreLabel}</th>
            <th>Baseline return</th>
            <th>Candidate return</th>
            <th>Candidate trades</th>
          </tr>
        </thead>
        <tbody>
          {[
            { label: `In-sample (${formatPct(config.inSampleFraction, 0)}, until ${formatTime(report.splitTime)})`, pair: report.inSample },
            { label: 'Out-of-sample', pair: report.outOfSample },
            ...report.kFolds.map((f, i) => ({ label: `k-fold ${i + 1} of ${report.kFolds.length}: ${formatTime(f.from)} → ${formatTime(f.to)}`, pair: f })),
          ].map(({ label, pair }) => (
            <tr key={label}>
              <td>{label}</td>
              <td>{formatNumber(pair.baseline[score])}</td>
              <td>{formatNumber(pair.candidate[score])}</td>
              <td>{formatPct(pair.baseline.netReturn)}</td>
              <td>{formatPct(pair.candidate.netReturn)}</td>
              <td>{pair.candidate.tradeCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4 className="sim-subhead">Walk-forward: re-fitted on each rolling training window, tested on the next unseen window ({scoreLabel})</h4>
      <div className="sim-table-scroll">
        <table className="sim-table" data-testid="sim-walk-forward">
          <thead>
            <tr>
              <th>Window</th>
              <th>Train</th>
              <th>Test</th>
              <th className="reason fitted">Fitted params</th>
              <th>Fitted in-sample</th>
              <th>Fitted out-of-sample</th>
              <th>Candidate</th>
              <th>Baseline</th>
            </tr>
          </thead>
          <tbody>
            {wf.windows.map((w, i) => (
              <tr key={w.test.start}>
                <td>{i + 1}</td>
                <td className="period">
                  {formatTime(w.train.from)} → {formatTime(w.train.to)}
                </td>
                <td className="period">
                  {formatTime(w.test.from)} → {formatTime(w.test.to)}
                </td>
                <td className="reason fitted" title={`${w.candidatesScored} candidates scored, ${w.candidatesRefused} drawn ones refused by the schema`}>
                  {paramsText(w.fittedParams)}
                </td>
                <td>{scoreText(w.inSample[score])}</td>
                <td>{scoreText(w.outOfSample[score])}</td>
                <td>{scoreText(w.candidate[score])}</td>
                <td>{scoreText(w.baseline[score])}</td>
              </tr>
            ))}
            <tr className="best" data-testid="sim-wf-stitched">
              <td colSpan={5}>Stitched out-of-sample ({formatPct(wf.stitched.fitted.netReturn)} re-fitted, {formatPct(wf.stitched.candidate.netReturn)} candidate, {formatPct(wf.stitched.baseline.netReturn)} baseline net return)</td>
              <td>{scoreText(wf.stitched.fitted[score])}</td>
              <td>{scoreText(wf.stitched.candidate[score])}</td>
              <td>{scoreText(wf.stitched.baseline[score])}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p className="sim-thresholds" data-testid="sim-thresholds">
        Judged by: score {scoreLabel}, noise floor {config.minScoreDelta}, at least {config.minTrades} out-of-sample trades, drawdown at most{' '}
        {formatPct(config.drawdownTolerance)} deeper, wins in at least {formatPct(config.foldWinShare, 0)} of {config.kFolds} k folds; walk-forward {config.walkForward.windows} windows, training{' '}
        {config.walkForward.trainRatio}× the test window, {config.walkForward.candidates} candidates (seed {config.walkForward.seed}), overfitting below {formatPct(config.walkForward.minEfficiency, 0)} efficiency.
      </p>
    </section>
  );
}
