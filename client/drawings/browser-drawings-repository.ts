import { createDrawingsApi } from './drawings-api.ts';
import { DrawingsDb } from './drawings-db.ts';
import { createDrawingsRepository, type DrawingsRepository } from './drawings-repository.ts';

let shared: DrawingsRepository | null = null;

/** The app-wide repository: one IndexedDB connection, relay at the same origin's /api/v1. */
export function browserDrawingsRepository(): DrawingsRepository {
  shared ??= createDrawingsRepository({ db: new DrawingsDb(), api: createDrawingsApi() });
  return shared;
}
