import { LiveArmRequestSchema, LiveArmResponseSchema } from '../../shared/execution/index.ts';
import type { ApiRoute } from '../http/api-route.ts';

/** The operator's arming of live trading, mounted under /api/v1. */
export const LIVE_ARM_API = {
  set: {
    method: 'put',
    path: '/trading/live',
    summary: 'Arm or disarm live orders for this relay process (operator; audited as mode.change)',
    description:
      'In TRADING_MODE=live every order, the live runner\'s too, is refused with 409 live_not_armed until an operator arms it here. The kill switch and a relay restart disarm it; GET /status shows it as liveArm.',
    body: LiveArmRequestSchema,
    responses: { 200: { description: 'the arming now', schema: LiveArmResponseSchema } },
    errors: {
      400: 'invalid_body',
      409: 'not_live_mode: the relay trades paper, which needs no arming',
      503: 'venue_unavailable: live mode without Bybit keys has nothing to arm',
    },
  },
} as const satisfies Record<string, ApiRoute>;
