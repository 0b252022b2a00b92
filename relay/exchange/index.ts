export { createBybitGateway, type BybitGatewayOptions } from './bybit-gateway.ts';
export { bybitEndpoints, BybitNetworkSchema, type BybitEndpoints, type BybitNetwork } from './bybit-endpoints.ts';
