/**
 * Bybit's REST envelope. Business errors keep HTTP 200 and carry retCode != 0 with `result: {}`,
 * so a client that only checks the status learns nothing (real bodies: fixtures/bybit-v5/rest/errors).
 */
export function okBody(result: unknown, now: number) {
  return { retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time: now };
}

export function errorBody(retCode: number, retMsg: string, now: number) {
  return { retCode, retMsg, result: {}, retExtInfo: {}, time: now };
}

/** Messages observed from the real API for the cases the stand-in reproduces. */
export const BYBIT_ERRORS = {
  paramsError: 10001,
  unknownSymbol: 'Not supported symbols',
  invalidInterval: 'Invalid period!',
  illegalCategory: 'Illegal category',
} as const;
