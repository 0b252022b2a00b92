import { z } from 'zod';
import { PostedSimulationRecordSchema, RecordSimulationResponseSchema, SimulationResponseSchema } from '../../shared/simulations/index.ts';
import { STRATEGY_IDS } from '../../shared/strategy/index.ts';
import type { ApiRoute } from '../http/api-route.ts';

/** Simulation-run evidence, mounted under /api/v1: the browser runs the backtest, the relay keeps it unchanged. */
export const SIMULATIONS_API = {
  record: {
    method: 'post',
    path: '/strategies/:id/simulate',
    summary: 'Record a finished simulation run (audited as simulation.run)',
    params: z.object({ id: z.string().meta({ description: `the run's strategy: one of ${STRATEGY_IDS.join(', ')}`, examples: ['ema-rsi'] }) }),
    body: PostedSimulationRecordSchema,
    responses: {
      200: { description: 'the same run was already recorded', schema: RecordSimulationResponseSchema },
      201: { description: 'recorded', schema: RecordSimulationResponseSchema },
    },
    errors: {
      400: 'invalid_simulation, strategy_mismatch (body strategy is not the path one) or invalid_params',
      409: 'run_conflict: this runId is recorded with other content; runs are never changed',
    },
  },
  get: {
    method: 'get',
    path: '/simulations/:runId',
    summary: 'A recorded simulation run',
    params: z.object({ runId: z.string().meta({ description: "the run's UUID", examples: ['3f1c2a9e-6f55-4c8e-9a43-2d1f0b7c9e10'] }) }),
    responses: { 200: { description: 'the run as posted, with when it was recorded', schema: SimulationResponseSchema } },
    errors: { 404: 'unknown_simulation' },
  },
} as const satisfies Record<string, ApiRoute>;
