import { z } from 'zod';
import { StrategyVersionSchema, type CreateVersionRequest } from '../../shared/strategy-versions/index.ts';
import { requestJson } from '../market/api-client.ts';

// Answers of relay/strategies' routes around the shared StrategyVersion.
const VersionListSchema = z.object({ versions: z.array(StrategyVersionSchema) });
const VersionAnswerSchema = z.object({ version: StrategyVersionSchema });

const base = (strategyId: string) => `/api/v1/strategies/${encodeURIComponent(strategyId)}`;
const versionPath = (strategyId: string, version: number) => `${base(strategyId)}/versions/${version}`;
const post = (path: string, body: unknown = {}) =>
  requestJson(path, VersionAnswerSchema, fetch, { method: 'POST', body }).then((answer) => answer.version);

/** The relay's versions API (relay/strategies/), every answer checked against the shared schemas. */
export const versionsApi = {
  list: async (strategyId: string) => (await requestJson(`${base(strategyId)}/versions`, VersionListSchema)).versions,
  create: (strategyId: string, request: CreateVersionRequest) => post(`${base(strategyId)}/versions`, request),
  approve: (strategyId: string, version: number, runId: string) => post(`${versionPath(strategyId, version)}/approve`, { runId }),
  reject: (strategyId: string, version: number) => post(`${versionPath(strategyId, version)}/reject`),
  activate: (strategyId: string, version: number) => post(`${versionPath(strategyId, version)}/activate`),
  rollback: (strategyId: string) => post(`${base(strategyId)}/rollback`),
};
