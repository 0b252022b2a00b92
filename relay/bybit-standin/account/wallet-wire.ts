import { fixedText, floorToStep, mul, type Fixed } from '../../../shared/matching/fixed-decimal.ts';
import type { SpotExchange } from '../trading/spot-exchange.ts';

/** USD values carry 8 decimals, as in the docs' UNIFIED examples ("3.31216591"). */
const USD_STEP = 10n ** 10n;
const usd = (value: Fixed) => fixedText(floorToStep(value, USD_STEP));

interface CoinState {
  coin: string;
  wallet: Fixed;
  locked: Fixed;
  usdValue: Fixed;
  fees: Fixed;
}

function coinStates(exchange: SpotExchange, coins: readonly string[] | undefined): CoinState[] {
  const listed = exchange.wallet.coins().filter((coin) => coins === undefined || coins.includes(coin));
  return listed.map((coin) => {
    const wallet = exchange.wallet.balance(coin);
    return { coin, wallet, locked: exchange.locked(coin), usdValue: mul(wallet, exchange.usdPrice(coin)), fees: exchange.wallet.fees(coin) };
  });
}

/** Account totals always cover every coin, whichever coins the caller asked to list. */
function totals(exchange: SpotExchange) {
  const all = coinStates(exchange, undefined);
  const equity = all.reduce((s, c) => s + c.usdValue, 0n);
  const available = all.reduce((s, c) => s + mul(c.wallet - c.locked, exchange.usdPrice(c.coin)), 0n);
  return { equity: usd(equity), available: usd(available) };
}

/**
 * GET /v5/account/wallet-balance?accountType=UNIFIED, keys in the order of
 * fixtures/bybit-v5/rest/account/wallet-balance.unified.json. A spot-only account has no margin
 * in use: IM/MM rates and totals are "0", equity is the USD value of the coins.
 */
export function walletBalanceResult(exchange: SpotExchange, coins: readonly string[] | undefined) {
  const states = coinStates(exchange, coins);
  const { equity, available } = totals(exchange);
  return {
    list: [
      {
        totalEquity: equity,
        accountIMRate: '0',
        accountIMRateByMp: '0',
        totalMarginBalance: equity,
        totalInitialMargin: '0',
        totalInitialMarginByMp: '0',
        accountType: 'UNIFIED',
        totalAvailableBalance: available,
        accountMMRate: '0',
        accountMMRateByMp: '0',
        totalPerpUPL: '0',
        totalWalletBalance: equity,
        accountLTV: '0',
        totalMaintenanceMargin: '0',
        totalMaintenanceMarginByMp: '0',
        coin: states.map((c) => ({
          availableToBorrow: '',
          bonus: '0',
          accruedInterest: '0',
          availableToWithdraw: fixedText(c.wallet - c.locked),
          totalOrderIM: '0',
          equity: fixedText(c.wallet),
          totalPositionMM: '0',
          usdValue: usd(c.usdValue),
          spotHedgingQty: '0',
          unrealisedPnl: '0',
          collateralSwitch: true,
          borrowAmount: '0',
          totalPositionIM: '0',
          walletBalance: fixedText(c.wallet),
          cumRealisedPnl: fixedText(-c.fees),
          locked: fixedText(c.locked),
          marginCollateral: true,
          coin: c.coin,
          spotBorrow: '0',
        })),
      },
    ],
  };
}

/** `wallet` push item, keys in the order of fixtures/bybit-v5/ws/wallet.unified.json. */
export function wsWalletItem(exchange: SpotExchange) {
  const states = coinStates(exchange, undefined);
  const { equity, available } = totals(exchange);
  return {
    accountIMRate: '0',
    accountIMRateByMp: '0',
    accountMMRate: '0',
    accountMMRateByMp: '0',
    totalEquity: equity,
    totalWalletBalance: equity,
    totalMarginBalance: equity,
    totalAvailableBalance: available,
    totalPerpUPL: '0',
    totalInitialMargin: '0',
    totalInitialMarginByMp: '0',
    totalMaintenanceMargin: '0',
    totalMaintenanceMarginByMp: '0',
    coin: states.map((c) => ({
      coin: c.coin,
      equity: fixedText(c.wallet),
      usdValue: usd(c.usdValue),
      walletBalance: fixedText(c.wallet),
      availableToWithdraw: fixedText(c.wallet - c.locked),
      availableToBorrow: '',
      borrowAmount: '0',
      accruedInterest: '0',
      totalOrderIM: '',
      totalPositionIM: '',
      totalPositionMM: '',
      unrealisedPnl: '0',
      cumRealisedPnl: fixedText(-c.fees),
      bonus: '0',
      collateralSwitch: true,
      marginCollateral: true,
      locked: fixedText(c.locked),
      spotHedgingQty: '0',
      spotBorrow: '0',
    })),
    accountLTV: '0',
    accountType: 'UNIFIED',
  };
}
