import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../market/api-client.ts';
import { actionError } from './action-error.ts';

describe('actionError', () => {
  it('lists each missing piece of evidence of a 409 missing_evidence', () => {
    const body = {
      error: {
        code: 'missing_evidence',
        message: 'version 2 cannot be approved without evidence',
        missing: ['a recorded comparison of exactly these params', 'a walk-forward result'],
        requestId: 'r-1',
      },
    };
    const err = new ApiRequestError(body.error.message, 409, 'missing_evidence', 'r-1', body);
    expect(actionError(err)).toEqual({
      message: 'The relay refused the approval without this evidence (request id r-1):',
      missing: ['a recorded comparison of exactly these params', 'a walk-forward result'],
    });
  });

  it('keeps the message alone for any other refusal or failure', () => {
    const forbidden = new ApiRequestError('a viewer may only read', 403, 'forbidden', 'r-2', { error: { code: 'forbidden', message: 'a viewer may only read' } });
    expect(actionError(forbidden)).toEqual({ message: 'a viewer may only read (request id r-2)', missing: [] });
    expect(actionError(new Error('relay unreachable'))).toEqual({ message: 'relay unreachable', missing: [] });
  });
});
