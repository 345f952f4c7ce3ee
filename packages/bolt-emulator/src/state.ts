import type { EmulatorSettings } from "./config";
import { FaultStore } from "./admin/faults";
import { RequestLog } from "./admin/request-log";
import { LoginLocks } from "./connect/login-locks";
import { BoltSessions } from "./connect/sessions";
import { TokenizeFaults } from "./connect/tokenize-faults";
import type { IdTokenSigner } from "./oauth/id-token";
import { CardTokenStore } from "./store/card-tokens";
import { LifetimeOverrides } from "./store/lifetimes";
import { OrderStore } from "./store/orders";
import { seedShoppers } from "./store/seeds";
import { ShopperStore } from "./store/shoppers";
import { TokenStore } from "./store/tokens";

/** Everything the emulator remembers. It lives in memory only: a restart or `/__emulator/reset` starts over from the seeds. */
export type EmulatorState = {
  shoppers: ShopperStore;
  tokens: TokenStore;
  cardTokens: CardTokenStore;
  orders: OrderStore;
  lifetimes: LifetimeOverrides;
  loginLocks: LoginLocks;
  sessions: BoltSessions;
  log: RequestLog;
  faults: FaultStore;
  tokenizeFaults: TokenizeFaults;
};

export function createState(settings: EmulatorSettings): EmulatorState {
  return {
    shoppers: new ShopperStore(seedShoppers()),
    tokens: new TokenStore(),
    cardTokens: new CardTokenStore(),
    orders: new OrderStore(),
    lifetimes: new LifetimeOverrides(),
    loginLocks: new LoginLocks(),
    sessions: new BoltSessions(),
    log: new RequestLog(),
    faults: new FaultStore(settings.faults),
    tokenizeFaults: new TokenizeFaults(),
  };
}

/** What every handler can reach. `state` is replaced wholesale on reset; the signing key survives it. */
export type Emulator = {
  settings: EmulatorSettings;
  /** The public base URL: `iss`, discovery URLs. */
  issuer: string;
  /** The port of the second origin Bolt's account pieces come from (sandbox profile), once it listens. */
  assetsPort: number | undefined;
  signer: IdTokenSigner;
  state: EmulatorState;
};
