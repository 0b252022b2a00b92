/**
 * Test support: distinctive fake credentials for the relay's environment, and a search for them.
 * Each is unlike anything else the project prints, so any hit is a leak.
 */
export const FAKE_API_KEYS = {
  BYBIT_API_KEY: 'FAKEbybitKEY7Qx2canary',
  BYBIT_API_SECRET: 'FAKEbybitSECRET9Vw4Zt8Lp3canary',
  OPENROUTER_API_KEY: 'sk-or-v1-FAKEopenrouter3Mk8Hp6canary',
} as const;

/** The names of the fake keys whose value appears in `text`. */
export function leakedKeys(text: string): string[] {
  return Object.entries(FAKE_API_KEYS)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name);
}
