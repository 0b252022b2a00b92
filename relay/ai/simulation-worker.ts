/**
 * A simulation worker thread (relay/ai/simulation-pool.ts starts it): runs each task it is sent on
 * the shared engine, off the relay's event loop, and answers with its result or error.
 */
import { parentPort } from 'node:worker_threads';
import { runSimulationTask, WorkerRequestSchema, type WorkerReply } from './simulation-tasks.ts';

parentPort!.on('message', async (message: unknown) => {
  const request = WorkerRequestSchema.safeParse(message);
  const id = typeof (message as { id?: unknown })?.id === 'number' ? (message as { id: number }).id : -1;
  let reply: WorkerReply;
  if (!request.success) reply = { id, ok: false, error: `malformed simulation task: ${request.error.message}` };
  else {
    try {
      reply = { id, ok: true, result: await runSimulationTask(request.data.task) };
    } catch (error) {
      reply = { id, ok: false, error: (error as Error).message };
    }
  }
  parentPort!.postMessage(reply);
});
