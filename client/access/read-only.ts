import { useSession } from './session-queries.ts';

/** A viewer reads only: the relay refuses its writes with a 403, so the UI offers none of them. */
export function useReadOnly(): boolean {
  return useSession().data?.role === 'viewer';
}
