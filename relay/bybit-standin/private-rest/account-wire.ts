import type { SpotExchange } from '../trading/spot-exchange.ts';

/** GET /v5/account/fee-rate, spot: the docs list baseCoin as "" for spot (docs/v5/account/fee-rate.mdx). */
export function feeRateResult(exchange: SpotExchange, symbol: string | undefined) {
  const symbols = symbol === undefined ? exchange.symbols() : [symbol];
  const { makerFeeRate, takerFeeRate } = exchange.feeRates;
  return { list: symbols.map((s) => ({ symbol: s, baseCoin: '', takerFeeRate, makerFeeRate })) };
}

/** GET /v5/account/info for a UTA 2.0 account in regular (cross) margin (docs/v5/account/account-info.mdx). */
export function accountInfoResult(now: number) {
  return {
    marginMode: 'REGULAR_MARGIN',
    updatedTime: String(now),
    unifiedMarginStatus: 6,
    dcpStatus: 'OFF',
    timeWindow: 0,
    smpGroup: 0,
    isMasterTrader: false,
    spotHedgingStatus: 'OFF',
  };
}

/**
 * GET /v5/user/query-api for the stand-in's key: read-write, spot trading only, no IP binding
 * (docs/v5/user/apikey-info.mdx example's key order; the secret is never echoed, "" as on Bybit).
 */
export function apiKeyInfoResult(apiKey: string) {
  return {
    id: '1',
    note: 'bybit stand-in',
    apiKey,
    readOnly: 0,
    secret: '',
    permissions: {
      ContractTrade: [],
      Spot: ['SpotTrade'],
      Wallet: [],
      Options: [],
      Derivatives: [],
      CopyTrading: [],
      BlockTrade: [],
      Exchange: [],
      NFT: [],
      Affiliate: [],
      Earn: [],
    },
    ips: ['*'],
    type: 1,
    deadlineDay: -1,
    expiredAt: '',
    createdAt: '2024-01-01T00:00:00Z',
    unified: 1,
    uta: 1,
    userID: 1,
    inviterID: 0,
    vipLevel: 'No VIP',
    mktMakerLevel: '0',
    affiliateID: 0,
    rsaPublicKey: '',
    isMaster: true,
    parentUid: '0',
    kycLevel: 'LEVEL_DEFAULT',
    kycRegion: '',
  };
}
