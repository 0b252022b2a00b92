import { ApiErrorSchema } from '../../shared/market/index.ts';
import {
  RecordSimulationResponseSchema,
  SimulationResponseSchema,
  type RecordSimulationResponse,
  type SimulationRecord,
  type SimulationResponse,
} from '../../shared/simulations/index.ts';
import { ApiRequestError, getJson, RelayUnreachableError, type FetchFn } from '../market/api-client.ts';

/** POST /api/v1/strategies/{id}/simulate: the relay's append-only record of this run. */
export async function postSimulation(record: SimulationRecord, fetchFn: FetchFn = fetch, baseUrl = ''): Promise<RecordSimulationResponse> {
  const path = `${baseUrl}/api/v1/strategies/${encodeURIComponent(record.run.strategy.id)}/simulate`;
  let response: Response;
  try {
    response = await fetchFn(path, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(record) });
  } catch (err) {
    throw new RelayUnreachableError(`relay unreachable (${path}): ${err instanceof Error ? err.message : String(err)}`);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = ApiErrorSchema.safeParse(body);
    if (parsed.success) throw new ApiRequestError(parsed.data.error.message, response.status, parsed.data.error.code);
    throw new ApiRequestError(`${path} failed with HTTP ${response.status}`, response.status, 'http_error');
  }
  return RecordSimulationResponseSchema.parse(body);
}

export async function fetchSimulation(runId: string, fetchFn?: FetchFn, baseUrl = ''): Promise<SimulationResponse> {
  return getJson(`${baseUrl}/api/v1/simulations/${encodeURIComponent(runId)}`, SimulationResponseSchema, fetchFn);
}
