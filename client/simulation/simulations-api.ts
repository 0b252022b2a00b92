import {
  RecordSimulationResponseSchema,
  SimulationResponseSchema,
  type RecordSimulationResponse,
  type SimulationRecord,
  type SimulationResponse,
} from '../../shared/simulations/index.ts';
import { requestJson, type FetchFn } from '../market/api-client.ts';

/** POST /api/v1/strategies/{id}/simulate: the relay's append-only record of this run. */
export async function postSimulation(record: SimulationRecord, fetchFn: FetchFn = fetch, baseUrl = ''): Promise<RecordSimulationResponse> {
  const path = `${baseUrl}/api/v1/strategies/${encodeURIComponent(record.run.strategy.id)}/simulate`;
  return requestJson(path, RecordSimulationResponseSchema, fetchFn, { method: 'POST', body: record });
}

export async function fetchSimulation(runId: string, fetchFn?: FetchFn, baseUrl = ''): Promise<SimulationResponse> {
  return requestJson(`${baseUrl}/api/v1/simulations/${encodeURIComponent(runId)}`, SimulationResponseSchema, fetchFn);
}
