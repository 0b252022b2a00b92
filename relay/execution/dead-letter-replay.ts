import type { DeadLetter } from '../../shared/execution/index.ts';
import type { AuditRecorder } from '../audit/audit-log.ts';
import type { DeadLetterStore } from './dead-letter-store.ts';
import { OrderRefusal } from './execution-service.ts';
import { VenueUpdateSchema } from './venue.ts';
import type { VenueUpdates } from './venue-updates.ts';

export interface DeadLetterReplayDeps {
  deadLetters: DeadLetterStore;
  updates: VenueUpdates;
  audit: AuditRecorder;
}

/** Applies a dead letter's event once more, as the venue sent it; the outcome is audited either way. */
export function replayDeadLetter({ deadLetters, updates, audit }: DeadLetterReplayDeps, id: number, actor: string | null): DeadLetter {
  const letter = deadLetters.get(id);
  if (letter === undefined) throw new OrderRefusal(404, 'unknown_dead_letter', `no dead letter with id ${id}`);
  if (letter.state === 'replayed') throw new OrderRefusal(409, 'already_replayed', `dead letter ${id} was replayed at ${letter.replayedAt}; applying it again changes nothing`);
  try {
    const order = updates.apply(VenueUpdateSchema.parse(letter.payload));
    audit.append('dead_letter.replay', { id, outcome: 'applied', orderLinkId: letter.orderLinkId, orderId: order.id, status: order.status }, actor);
    return deadLetters.markReplayed(id);
  } catch (error) {
    const message = (error as Error).message;
    deadLetters.recordReplayFailure(id, message);
    audit.append('dead_letter.replay', { id, outcome: 'failed', orderLinkId: letter.orderLinkId, message }, actor);
    throw new OrderRefusal(422, 'replay_failed', `dead letter ${id} still cannot be applied: ${message}`);
  }
}
