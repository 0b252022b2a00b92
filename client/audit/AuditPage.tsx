import { useInfiniteQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { AUDIT_KINDS, AuditKindSchema, type AuditChainState, type AuditEntry, type AuditKind } from '../../shared/audit/index.ts';
import { fetchAuditPage } from './audit-api.ts';
import { auditSummary } from './audit-summary.ts';
import './audit.css';

function ChainState({ chain }: { chain: AuditChainState }) {
  if (chain.state === 'intact') {
    return (
      <p className="audit-chain audit-chain-intact" data-testid="audit-chain">
        Chain intact: {chain.rows} rows, each hash-linked to the one before.
      </p>
    );
  }
  return (
    <p className="audit-chain audit-chain-broken" role="alert" data-testid="audit-chain">
      Chain BROKEN at row {chain.firstBadSeq} of {chain.rows}: {chain.message}
    </p>
  );
}

function EntryRows({ entry, bad }: { entry: AuditEntry; bad: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <Fragment>
      <tr data-testid="audit-row" data-kind={entry.kind} className={bad ? 'audit-bad' : undefined} title={bad ? 'the chain breaks at this row' : undefined}>
        <td className="num">{entry.seq}</td>
        <td>{new Date(entry.at).toLocaleString()}</td>
        <td className="audit-kind">{entry.kind}</td>
        <td>{entry.actor ?? <span className="muted">relay</span>}</td>
        <td>{auditSummary(entry)}</td>
        <td>
          <button type="button" className="audit-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'Hide' : 'Payload'}
          </button>
        </td>
      </tr>
      {open && (
        <tr className="audit-payload">
          <td colSpan={6}>
            <pre data-testid="audit-payload">{JSON.stringify(entry.payload, null, 2)}</pre>
            <div className="muted">hash {entry.hash} · prev {entry.prevHash}</div>
          </td>
        </tr>
      )}
    </Fragment>
  );
}

/** `#/audit`: the relay's audit log, newest first, with the state of its hash chain. */
export function AuditPage() {
  const [kind, setKind] = useState<AuditKind | undefined>(undefined);
  const query = useInfiniteQuery({
    queryKey: ['audit', kind],
    queryFn: ({ pageParam }) => fetchAuditPage({ kind, cursor: pageParam }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const pages = query.data?.pages ?? [];
  const entries = pages.flatMap((p) => p.entries);
  const unreadable = pages.flatMap((p) => p.unreadable);
  const chain = pages[0]?.chain;

  return (
    <section className="audit-page" data-testid="audit-page">
      <div className="toolbar">
        <h2>Audit log</h2>
        <label className="audit-filter">
          Kind{' '}
          <select
            value={kind ?? ''}
            data-testid="audit-kind-filter"
            onChange={(e) => {
              const parsed = AuditKindSchema.safeParse(e.target.value);
              setKind(parsed.success ? parsed.data : undefined);
            }}
          >
            <option value="">all</option>
            {AUDIT_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
      </div>
      {chain && <ChainState chain={chain} />}
      {unreadable.length > 0 && (
        <p className="state error" role="alert" data-testid="audit-unreadable">
          {unreadable.length} row{unreadable.length > 1 ? 's' : ''} can no longer be read (edited on disk):{' '}
          {unreadable.map((row) => `#${row.seq} (${row.reason})`).join(', ')}
        </p>
      )}
      {query.isPending ? (
        <p className="state">Loading the audit log…</p>
      ) : query.isError && entries.length === 0 ? (
        <p className="state error" role="alert">
          Could not load the audit log: {query.error.message}
        </p>
      ) : entries.length === 0 ? (
        <p className="state">No {kind ?? ''} rows recorded yet.</p>
      ) : (
        <div className="audit-scroll">
          <table className="watchlist audit-table" data-testid="audit-table">
            <thead>
              <tr>
                <th className="num">#</th>
                <th>Time</th>
                <th>Kind</th>
                <th>Actor</th>
                <th>Summary</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <EntryRows key={entry.seq} entry={entry} bad={chain?.state === 'broken' && chain.firstBadSeq === entry.seq} />
              ))}
            </tbody>
          </table>
          {query.isError && (
            <p className="state error" role="alert">
              Could not load more: {query.error.message}
            </p>
          )}
          {query.hasNextPage && (
            <button type="button" className="audit-more" data-testid="audit-load-more" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
              {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
