import type { EmulatorSettings } from "./config";
import { FaultStore } from "./admin/faults";
import { RequestLog } from "./admin/request-log";
import { LoginLocks } from "./connect/login-locks";
import { BoltSessions } from "./connect/sessions";
import { TokenizeFaults } from "./connect/tokenize-faults";
import type { IdTokenSigner } from "./oauth/id-token";
import { CardTokenStore } from "./store/card-tokens";
import { LifetimeOverrides } from "./store/lifetimes";
import { seedShoppers } from "./store/seeds";
import { ShopperStore } from "./store/shoppers";
import { TokenStore } from "./store/tokens";
import { TransactionStore } from "./store/transactions";
import { IdempotencyStore } from "./http/idempotency";
import { WebhookDispatcher } from "./webhooks/dispatcher";

/** Everything the emulator remembers. It lives in memory only: a restart or `/__emulator/reset` starts over from the seeds. */
export type EmulatorState = {
  shoppers: ShopperStore;
  tokens: TokenStore;
  cardTokens: CardTokenStore;
  transactions: TransactionStore;
  idempotency: IdempotencyStore;
  /** The merchant's webhooks, their deliveries and the delivery faults. */
  webhooks: WebhookDispatcher;
  lifetimes: LifetimeOverrides;
  loginLocks: LoginLocks;
  sessions: BoltSessions;
  log: RequestLog;
  faults: FaultStore;
  tokenizeFaults: TokenizeFaults;
};

/** Starts from the seeds; the webhooks of `BOLT_EMULATOR_WEBHOOK_URLS` are registered for every event. */
export function createState(settings: EmulatorSettings): EmulatorState {
  const webhooks = new WebhookDispatcher({
    signingSecret: settings.signingSecret,
    retryMs: settings.webhookRetryMs,
    timeoutMs: settings.webhookTimeoutMs,
  });
  for (const url of settings.webhookUrls) webhooks.registry.add(url, null);
  return {
    shoppers: new ShopperStore(seedShoppers()),
    tokens: new TokenStore(),
    cardTokens: new CardTokenStore(),
    transactions: new TransactionStore(),
    idempotency: new IdempotencyStore(),
    webhooks,
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
