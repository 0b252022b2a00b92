import type { z } from 'zod';
import { ActivationResponseSchema, VersionListResponseSchema, VersionResponseSchema, type CreateVersionRequest } from '../../shared/strategy-versions/index.ts';
import { requestJson } from '../market/api-client.ts';

const base = (strategyId: string) => `/api/v1/strategies/${encodeURIComponent(strategyId)}`;
const versionPath = (strategyId: string, version: number) => `${base(strategyId)}/versions/${version}`;
const post = <S extends z.ZodType>(path: string, schema: S, body?: unknown) => requestJson(path, schema, fetch, { method: 'POST', body });

/** The relay's versions API (relay/strategies/), every answer checked against the shared schemas. */
export const versionsApi = {
  list: async (strategyId: string) => (await requestJson(`${base(strategyId)}/versions`, VersionListResponseSchema)).versions,
  create: (strategyId: string, request: CreateVersionRequest) => post(`${base(strategyId)}/versions`, VersionResponseSchema, request),
  approve: (strategyId: string, version: number, runId: string) => post(`${versionPath(strategyId, version)}/approve`, VersionResponseSchema, { runId }),
  reject: (strategyId: string, version: number, reason: string) => post(`${versionPath(strategyId, version)}/reject`, VersionResponseSchema, { reason }),
  activate: (strategyId: string, version: number) => post(`${versionPath(strategyId, version)}/activate`, ActivationResponseSchema),
  rollback: (strategyId: string) => post(`${base(strategyId)}/rollback`, ActivationResponseSchema),
};
