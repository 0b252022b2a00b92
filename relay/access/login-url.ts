/** The notebook-server style link that signs a browser in (GET /login sets the cookie, then redirects). */
export function loginUrl(relayUrl: string, token: string): string {
  return `${relayUrl}/login?token=${encodeURIComponent(token)}`;
}

/** Pure: a URL for a log line, with a `token=` query value replaced, so the login link never reaches a log. */
export function withoutToken(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
}
