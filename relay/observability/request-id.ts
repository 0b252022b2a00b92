import { randomUUID } from 'node:crypto';

/**
 * A caller's id is quoted in log lines, response headers and upstream calls, so only short,
 * header- and log-safe text is taken: letters, digits, `_ . : -`, at most 128 of them (a UUID fits).
 */
const REQUEST_ID_PATTERN = /^[\w.:-]{1,128}$/;

/** Pure apart from `generate`: the caller's id when well-formed, otherwise a fresh one. */
export function acceptRequestId(incoming: string | undefined, generate: () => string = randomUUID): string {
  return incoming !== undefined && REQUEST_ID_PATTERN.test(incoming) ? incoming : generate();
}
