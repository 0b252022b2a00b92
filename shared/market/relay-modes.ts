import { z } from 'zod';

/** How the relay was started; the relay's config parses these and /status reports them back. */
export const TradingModeSchema = z.enum(['paper', 'live']);
export type TradingMode = z.infer<typeof TradingModeSchema>;

/** Which Bybit the relay talks to; `sim` is the in-repo stand-in. */
export const BybitEnvSchema = z.enum(['mainnet', 'testnet', 'demo', 'sim']);
export type BybitEnv = z.infer<typeof BybitEnvSchema>;
