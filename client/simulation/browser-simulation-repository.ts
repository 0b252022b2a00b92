import { SimulationDb } from './simulation-db.ts';
import { SimulationRepository } from './simulation-repository.ts';
import { postSimulation } from './simulations-api.ts';

let repository: SimulationRepository | null = null;

/** The page's one repository over IndexedDB `portal-simulations`, shared by the Simulate page and the chart. */
export function simulationRepository(): SimulationRepository {
  repository ??= new SimulationRepository(new SimulationDb(), (record) => postSimulation(record));
  return repository;
}
