/** `?debug` (or the dev server) lets e2e tests and people read chart internals from `window`. */
export function debugEnabled(): boolean {
  return import.meta.env.DEV || new URLSearchParams(window.location.search).has('debug');
}

/** Puts `value` on `window[name]` when debugging is on; returns a remover for unmount. */
export function exposeForDebugging(name: string, value: unknown): () => void {
  if (!debugEnabled()) return () => {};
  Object.assign(window, { [name]: value });
  return () => {
    if ((window as unknown as Record<string, unknown>)[name] === value) Reflect.deleteProperty(window, name);
  };
}
