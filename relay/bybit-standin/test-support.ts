import { createHmac } from 'node:crypto';
import WebSocket from 'ws';

/** A value's structure: key order and JSON types, values dropped, arrays reduced to their first item. */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [shapeOf(value[0])];
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v)]));
  }
  return value === null ? 'null' : typeof value;
}

export async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> & { result: never } }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as never };
}

/** A WebSocket client that queues every JSON frame so tests can await the next matching one. */
export class WsProbe {
  readonly socket: WebSocket;
  private readonly frames: Record<string, unknown>[] = [];
  private waiters: (() => void)[] = [];

  private constructor(url: string) {
    this.socket = new WebSocket(url);
    this.socket.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as Record<string, unknown>);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static async open(url: string): Promise<WsProbe> {
    const probe = new WsProbe(url);
    await new Promise<void>((resolve, reject) => {
      probe.socket.once('open', () => resolve());
      probe.socket.once('error', reject);
    });
    return probe;
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Removes and returns the first queued frame matching `match`, waiting up to `timeoutMs`. */
  async next(match: (frame: Record<string, unknown>) => boolean, timeoutMs = 3000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.frames.findIndex(match);
      if (index !== -1) return this.frames.splice(index, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching frame within ${timeoutMs} ms; queued: ${JSON.stringify(this.frames.slice(-3))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.socket.close();
  }
}

/** A v5 signed request as any Bybit client sends it (HMAC over timestamp + key + recvWindow + query or body). */
export async function signedFetch(
  baseUrl: string,
  credentials: { apiKey: string; apiSecret: string },
  method: 'GET' | 'POST',
  path: string,
  params: Record<string, string>,
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> & { result: never } }> {
  const timestamp = String(Date.now());
  const payload = method === 'GET' ? new URLSearchParams(params).toString() : JSON.stringify(params);
  const sign = createHmac('sha256', credentials.apiSecret).update(`${timestamp}${credentials.apiKey}5000${payload}`).digest('hex');
  const headers = { 'X-BAPI-API-KEY': credentials.apiKey, 'X-BAPI-SIGN': sign, 'X-BAPI-TIMESTAMP': timestamp, 'X-BAPI-RECV-WINDOW': '5000', 'Content-Type': 'application/json' };
  const res = method === 'GET' ? await fetch(`${baseUrl}${path}?${payload}`, { headers }) : await fetch(`${baseUrl}${path}`, { method, headers, body: payload });
  return { status: res.status, headers: res.headers, body: (await res.json()) as never };
}

/**
 * Every key of `fixture` is in `actual` with the same JSON type, recursively (arrays by their
 * first item); `actual` may carry the listed extra keys. Objects keyed by coin (`cumFeeDetail`)
 * are maps: only their values' types are compared. Returns the differences, [] when none.
 */
export function shapeDifferences(actual: unknown, fixture: unknown, extra: readonly string[] = [], at = '$'): string[] {
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (kind(actual) !== kind(fixture)) return [`${at}: ${kind(actual)} where the fixture has ${kind(fixture)}`];
  if (Array.isArray(fixture) && Array.isArray(actual)) {
    return fixture.length === 0 || actual.length === 0 ? [] : shapeDifferences(actual[0], fixture[0], extra, `${at}[0]`);
  }
  if (kind(fixture) !== 'object') return [];
  const a = actual as Record<string, unknown>;
  const f = fixture as Record<string, unknown>;
  if (COIN_MAPS.some((name) => at.endsWith(`.${name}`))) {
    const [first] = Object.values(f);
    return Object.entries(a).flatMap(([k, v]) => (first === undefined ? [] : shapeDifferences(v, first, extra, `${at}.${k}`)));
  }
  const missing = Object.keys(f).filter((k) => !(k in a)).map((k) => `${at}.${k}: missing`);
  const unexpected = Object.keys(a).filter((k) => !(k in f) && !extra.includes(k)).map((k) => `${at}.${k}: not in the fixture`);
  const nested = Object.keys(f).filter((k) => k in a).flatMap((k) => shapeDifferences(a[k], f[k], extra, `${at}.${k}`));
  return [...missing, ...unexpected, ...nested];
}

const COIN_MAPS = ['cumFeeDetail'];
