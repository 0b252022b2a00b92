import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { formatRoute, parseRoute, routeCorrection, type Route } from './route.ts';

function subscribe(notify: () => void): () => void {
  window.addEventListener('hashchange', notify);
  return () => window.removeEventListener('hashchange', notify);
}

/**
 * The route in the URL hash, how to go elsewhere, and what was corrected in a mistyped URL: the
 * URL is rewritten to what is shown, and the correction stays on screen while that route does.
 */
export function useHashRoute(): [Route, (route: Route) => void, string | null] {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const navigate = useCallback((route: Route) => {
    window.location.hash = formatRoute(route);
  }, []);
  const route = parseRoute(hash);
  const shown = formatRoute(route);
  const correction = routeCorrection(hash);
  const [notice, setNotice] = useState<{ route: string; text: string } | null>(null);
  if (correction !== null && notice?.text !== correction) setNotice({ route: shown, text: correction });
  useEffect(() => {
    // replace: the mistyped URL should not stay in the back history.
    if (correction !== null) window.location.replace(shown);
  }, [correction, shown]);
  return [route, navigate, notice?.route === shown ? notice.text : null];
}
