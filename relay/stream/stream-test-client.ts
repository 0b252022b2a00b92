import { WebSocket } from 'ws';
import { ServerStreamMessageSchema, type ServerStreamMessage } from '../../shared/market/index.ts';

/**
 * A browser-like stream client for tests: collects validated server messages and lets a test
 * await the next one matching a predicate.
 */
export class StreamTestClient {
  readonly messages: ServerStreamMessage[] = [];
  private waiters: Array<{ match: (m: ServerStreamMessage) => boolean; resolve: (m: ServerStreamMessage) => void }> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = ServerStreamMessageSchema.parse(JSON.parse(data.toString()));
      this.messages.push(message);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(message)) return true;
        w.resolve(message);
        return false;
      });
    });
  }

  static async connect(url: string, headers: Record<string, string> = {}): Promise<StreamTestClient> {
    const ws = new WebSocket(url, { headers });
    const client = new StreamTestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Resolves with the first message (already received or future) that matches. */
  next<T extends ServerStreamMessage['type']>(
    type: T,
    match: (m: Extract<ServerStreamMessage, { type: T }>) => boolean = () => true,
    timeoutMs = 5_000,
  ): Promise<Extract<ServerStreamMessage, { type: T }>> {
    const test = (m: ServerStreamMessage) => m.type === type && match(m as Extract<ServerStreamMessage, { type: T }>);
    const seen = this.messages.find(test);
    if (seen) return Promise.resolve(seen as Extract<ServerStreamMessage, { type: T }>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "${type}" message within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        match: test,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m as Extract<ServerStreamMessage, { type: T }>);
        },
      });
    });
  }

  clear(): void {
    this.messages.length = 0;
  }

  closed(): Promise<{ code: number; reason: string }> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve({ code: 1006, reason: '' });
    return new Promise((resolve) => this.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  close(): void {
    this.ws.close();
  }
}
