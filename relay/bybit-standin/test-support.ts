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
