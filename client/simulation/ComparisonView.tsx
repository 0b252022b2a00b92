import type { ComparisonReport } from '../../shared/backtest/index.ts';
import { formatNumber, formatPct, formatTime } from './result-view.ts';

/** Verdict first, then why: reasons, the in-sample/out-of-sample split and the walk-forward folds. */
const SCORE_LABELS = { sharpe: 'Sharpe ratio', netReturn: 'net return' } as const;

export function ComparisonView({ report }: { report: ComparisonReport }) {
  const score = report.config.score;
  const scoreLabel = SCORE_LABELS[score];
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
      </div>
      <ul className="sim-reasons" data-testid="sim-reasons">
        {report.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <table className="sim-table" data-testid="sim-split">
        <thead>
          <tr>
            <th>Window</th>
            <th>Baseline {scoreLabel}</th>
            <th>Candidate {scoreLabel}</th>
            <th>Baseline return</th>
            <th>Candidate return</th>
            <th>Candidate trades</th>
          </tr>
        </thead>
        <tbody>
          {[
            { label: `In-sample (${formatPct(report.config.inSampleFraction, 0)}, until ${formatTime(report.splitTime)})`, pair: report.inSample },
            { label: 'Out-of-sample', pair: report.outOfSample },
            ...report.kFolds.map((f, i) => ({ label: `k-fold ${i + 1}: ${formatTime(f.from)} → ${formatTime(f.to)}`, pair: f })),
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
    </section>
  );
}
