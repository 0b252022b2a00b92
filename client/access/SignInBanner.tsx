import { useState, type FormEvent } from 'react';
import { useSession, useSignIn } from './session-queries.ts';

/**
 * Without a session the relay serves public market data only: live streams, drawings, runs and the
 * audit log answer 401. Says so, and takes the token the relay printed at start.
 */
export function SignInBanner() {
  const session = useSession();
  const signIn = useSignIn();
  const [token, setToken] = useState('');

  if (session.data?.role === 'viewer') {
    return (
      <div className="banner banner-viewer" role="status" data-testid="banner-viewer">
        <strong>Signed in as viewer</strong>
        <span className="detail">read-only: drawings, simulation records and other writes need the operator token</span>
      </div>
    );
  }
  if (session.data?.role !== null) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim() !== '') signIn.mutate(token.trim());
  };
  return (
    <form className="banner banner-sign-in" role="alert" data-testid="banner-sign-in" onSubmit={submit}>
      <strong>Not signed in</strong>
      <span className="detail">
        live prices, drawings and simulations need a session: open the login link the relay printed at start, or paste its token
      </span>
      <input
        type="password"
        aria-label="Relay token"
        placeholder="token"
        autoComplete="off"
        value={token}
        aria-invalid={signIn.isError}
        data-testid="sign-in-token"
        onChange={(e) => setToken(e.target.value)}
      />
      <button type="submit" disabled={signIn.isPending || token.trim() === ''} data-testid="sign-in-submit">
        {signIn.isPending ? 'Signing in…' : 'Sign in'}
      </button>
      {signIn.isError && (
        <span className="sign-in-error" data-testid="sign-in-error">
          {signIn.error.message}
        </span>
      )}
    </form>
  );
}
