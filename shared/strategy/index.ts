export * from './indicator-feeds.ts';
export * from './intents.ts';
export * from './order-rules.ts';
export * from './registry.ts';
export * from './strategy.ts';
export { emaRsi, emaRsiParams } from './ema-rsi.ts';
export { bollingerReversion, bollingerReversionParams } from './bollinger-reversion.ts';
export { donchianAtr, donchianAtrParams } from './donchian-atr.ts';
