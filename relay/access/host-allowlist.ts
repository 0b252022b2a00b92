/**
 * Which Host (and Origin) a request may name. The relay binds to loopback, but a page the trader
 * visits can still reach it by DNS rebinding (its own name resolving to 127.0.0.1), so the Host
 * header must name the relay itself; a foreign name means the browser thinks it talks to another site.
 */

/** Names the relay always answers to on its bound port. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'] as const;

export interface HostAllowlist {
  /** Names matched together with the port the request arrived on. */
  names: ReadonlySet<string>;
  /** `name:port` entries from ALLOWED_HOSTS, matched exactly (e.g. the Vite dev server). */
  exact: ReadonlySet<string>;
}

/** `boundHost` is HOST; `extra` is ALLOWED_HOSTS, each `name` or `name:port`. */
export function createHostAllowlist(boundHost: string, extra: readonly string[]): HostAllowlist {
  const bound = boundHost.includes(':') && !boundHost.startsWith('[') ? `[${boundHost}]` : boundHost;
  const names = new Set<string>([...LOOPBACK_NAMES, bound.toLowerCase()]);
  const exact = new Set<string>();
  for (const entry of extra.map((e) => e.toLowerCase())) {
    if (/:\d+$/.test(entry)) exact.add(entry);
    else names.add(entry);
  }
  return { names, exact };
}

/** `host` is a Host header (or an Origin's host), `port` the local port the request arrived on. */
export function isAllowedHost(allowlist: HostAllowlist, host: string | undefined, port: number): boolean {
  if (!host) return false;
  const value = host.toLowerCase();
  if (allowlist.exact.has(value)) return true;
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(value);
  if (!match) return false;
  // A Host without a port means the scheme's default, which is the bound port only if it is 80.
  const named = match[2] === undefined ? 80 : Number(match[2]);
  return named === port && allowlist.names.has(match[1]!);
}

/** An Origin header is same-origin when it is http(s) on an allowed host; `null` never is. */
export function isAllowedOrigin(allowlist: HostAllowlist, origin: string, port: number): boolean {
  if (!URL.canParse(origin)) return false;
  const url = new URL(origin);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  // URL drops a default port; put it back so "http://localhost" is compared as port 80.
  const host = url.port === '' ? `${url.hostname}:${url.protocol === 'https:' ? 443 : 80}` : url.host;
  return isAllowedHost(allowlist, host, port);
}
