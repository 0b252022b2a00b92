import type { AccessEvent } from './access-event.ts';
import { createHostAllowlist } from './host-allowlist.ts';

/** Test support: the relay's default allowlist on loopback, with the events it reports kept. */
export function loopbackAccess(events: AccessEvent[] = []) {
  return { allowlist: createHostAllowlist('127.0.0.1', []), recordAccessEvent: (event: AccessEvent) => void events.push(event) };
}
