import { useSession } from '../access/session-queries.ts';
import { RelayUnreachableError } from '../market/api-client.ts';
import { useRelayStatus } from '../market/market-queries.ts';
import { useConnectionState, useStreamedUpstreamStatus } from '../market/stream-hooks.ts';
import { connectivityBanners, freshestStatus } from './connectivity.ts';
import { useBrowserOnline } from './use-browser-online.ts';
import { useNow } from './use-now.ts';

/** Short socket blips are normal; the relay counts as gone after this many failed reconnects. */
const STREAM_ATTEMPTS_BEFORE_OFFLINE = 2;

export function StatusBanners() {
  const browserOnline = useBrowserOnline();
  const status = useRelayStatus();
  const connection = useConnectionState();
  const pushed = useStreamedUpstreamStatus();

  const session = useSession();
  // Without a session the relay refuses the stream on purpose (the sign-in bar says so): not an outage.
  const streamRefusedForNoSession = session.data?.role === null;
  const relayReachable =
    !(status.error instanceof RelayUnreachableError) &&
    (streamRefusedForNoSession || !(connection.state === 'reconnecting' && connection.attempt >= STREAM_ATTEMPTS_BEFORE_OFFLINE));
  const polled = status.data ?? null;
  const stream = freshestStatus(polled ? { status: polled.stream, at: status.dataUpdatedAt } : null, pushed);
  const upstreamDown = [polled?.rest, stream].some((s) => s && s.state !== 'connected');
  const now = useNow(1000, upstreamDown);

  const banners = connectivityBanners({ browserOnline, relayReachable, rest: polled?.rest ?? null, stream, now });
  const audit = polled?.audit;
  const auditBroken = audit?.state === 'broken' ? audit : null;
  if (banners.length === 0 && !auditBroken) return null;
  return (
    <div className="banners">
      {auditBroken && (
        <div className="banner banner-audit" role="alert" data-testid="banner-audit">
          <strong>Audit log tampered: chain broken at row {auditBroken.firstBadSeq}</strong>
          <span className="detail">
            {auditBroken.message} — run <code>npm run audit:verify</code>; <a href="#/audit">open the audit log</a>
          </span>
        </div>
      )}
      {banners.map((banner) => (
        <div key={banner.kind} className={`banner banner-${banner.kind}`} role="status" data-testid={`banner-${banner.kind}`}>
          <strong>{banner.message}</strong>
          {banner.kind === 'upstream' && banner.detail && <span className="detail">{banner.detail}</span>}
        </div>
      ))}
    </div>
  );
}
