import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express, { type Router } from 'express';
import pino from 'pino';
import { openDatabase, type SqliteDatabase } from '../storage/database.ts';
import { createApiStack } from './api-stack.ts';
import { requestContext } from './request-context.ts';

/**
 * Test support: real routers over real HTTP on an ephemeral loopback port (parallel test files
 * never clash), mounted under /api/v1 in the same API stack relay/app.ts uses.
 */
export interface TestApi {
  /** `http://127.0.0.1:<port>`, for clients that add `/api/v1` themselves. */
  origin: string;
  /** `<origin>/api/v1`. */
  apiUrl: string;
  close(): Promise<void>;
}

export async function listenForTest(...routers: Router[]): Promise<TestApi> {
  const logger = pino({ level: 'silent' });
  const app = express();
  app.use(requestContext(logger));
  app.use('/api/v1', createApiStack(routers, logger));
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    apiUrl: `${origin}/api/v1`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface TestApiWithDatabase extends TestApi {
  /** The SQLite file's folder, so a test can reopen the file and see what survived. */
  dataDir: string;
  db: SqliteDatabase;
}

/** `listenForTest` over routers backed by a fresh SQLite file; `close()` also deletes the file. */
export async function listenWithTempDatabase(
  dataDirPrefix: string,
  routersFor: (db: SqliteDatabase) => Router | Router[],
): Promise<TestApiWithDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), dataDirPrefix));
  const db = openDatabase(dataDir);
  const routers = routersFor(db);
  const api = await listenForTest(...(Array.isArray(routers) ? routers : [routers]));
  return {
    ...api,
    dataDir,
    db,
    close: async () => {
      await api.close();
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
