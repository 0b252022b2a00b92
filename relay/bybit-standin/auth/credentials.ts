/** The one API key pair the stand-in accepts (Bybit keys are 18 characters, secrets 36). */
export interface StandInCredentials {
  apiKey: string;
  apiSecret: string;
}

/** Printed by the standalone stand-in so a client can be pointed at it without configuration. */
export const DEFAULT_CREDENTIALS: StandInCredentials = {
  apiKey: 'STANDINKEY00000001',
  apiSecret: 'STANDINSECRET000000000000000000000001',
};
