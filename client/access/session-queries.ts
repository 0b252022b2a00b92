import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LoginRequestSchema, SessionResponseSchema } from '../../shared/access/index.ts';
import { requestJson } from '../market/api-client.ts';

const SESSION_KEY = ['session'] as const;

/** Which role this browser's session cookie carries (null: not signed in). */
export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: () => requestJson('/api/v1/session', SessionResponseSchema),
    staleTime: 30_000,
  });
}

/** Pastes a token the relay printed; on success every query refetches with the new session. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) =>
      requestJson('/api/v1/login', SessionResponseSchema, fetch, { method: 'POST', body: LoginRequestSchema.parse({ token }) }),
    onSuccess: (session) => {
      queryClient.setQueryData(SESSION_KEY, session);
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
    },
  });
}
