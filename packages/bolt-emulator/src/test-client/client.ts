import type * as z from "zod";
import type { DashboardActionInput } from "../admin/dashboard-routes";
import type { FaultRuleSchema } from "../admin/fault-rule";
import type { LoggedRequest, LogFilter } from "../admin/request-log";
import { TEST_CARD_NUMBERS } from "../payments/test-cards";
import { SANDBOX_CREDENTIALS, SANDBOX_OTP, type SandboxCredentials } from "../sandbox";
import type { TestingAccountRequest } from "../sandbox-testing/testing-routes";
import type { LifetimeOverride } from "../store/lifetimes";
import type { OrderFilter } from "../store/transactions";
import type { DeliveryAttempt, DeliveryFilter } from "../webhooks/delivery-log";
import type { WebhookEventType } from "../webhooks/events";
import type { WebhookFaultsInput } from "../webhooks/webhook-faults";
import {
  AccountExistsSchema,
  AccountSchema,
  CardTokenSchema,
  DeliveriesSchema,
  FieldTokenSchema,
  FaultIdSchema,
  LifetimesSchema,
  LoginCodeSchema,
  OrdersSchema,
  OriginsSchema,
  PendingTokenizeFaultsSchema,
  RequestLogSchema,
  SavedCardSchema,
  TestShopperSchema,
  TokensSchema,
  TransactionViewSchema,
  WebhookIdSchema,
  WebhooksSchema,
  ZiplessFieldTokenSchema,
  type Account,
  type FieldToken,
  type ZiplessFieldToken,
  type TestShopper,
  type Tokens,
  type TransactionView,
  type Webhook,
} from "./answers";
import { call, type CallInit } from "./http";

export type FaultRuleInput = z.input<typeof FaultRuleSchema>;
export type InjectedFault = {
  id: string;
  /** False once a rule with `times` has applied that often: a request it delays is then at Bolt. */
  standing: () => Promise<boolean>;
  remove: () => Promise<void>;
};

/** The emulator answered a test's setup call with an unexpected status. */
export class EmulatorAnswerError extends Error {
  constructor(
    readonly path: string,
    readonly status: number,
    readonly text: string,
  ) {
    super(`${path} answered ${status}: ${text.slice(0, 500)}`);
    this.name = "EmulatorAnswerError";
  }
}

const MANAGE_SCOPE = "bolt.account.manage openid";

export type TestCardEntry = { number?: string; expiration?: string; cvv?: string; postalCode?: string };

/** Options of a capture, void, credit or review call; the currency defaults to USD. */
export type SettlementOptions = { currency?: string; idempotencyKey?: string; skipHookNotification?: boolean };

/** The client's credentials; webhooks are registered for `divisionId` (the sandbox division if absent). */
export type ClientCredentials = Pick<SandboxCredentials, "publishableKey" | "apiKey"> & { divisionId?: string };

/**
 * What tests and the bench ask of the emulator, each in one place: Bolt's sandbox testing endpoints
 * (a fresh shopper, a card token), the OAuth and merchant calls a merchant back end makes (settling
 * payments, registering webhooks), and the loopback-only hooks under `/__emulator/` (faults, token
 * lifetimes, the request log, placed orders, webhook deliveries and their faults, dashboard actions).
 * Every answer is parsed; an unexpected status throws an {@link EmulatorAnswerError}.
 */
export class EmulatorTestClient {
  constructor(
    readonly url: string,
    private readonly credentials: ClientCredentials,
  ) {}

  /** A fresh shopper of the caller's own, with one saved address unless asked otherwise, and a ready code. */
  async createShopper(request: TestingAccountRequest = { has_address: true }): Promise<TestShopper> {
    return this.send(TestShopperSchema, "/v1/testing/shopper/create", { json: request, headers: this.apiKey() });
  }

  /** A single-use token for Bolt's universal test card, Visa …1004. */
  async cardToken() {
    return this.send(CardTokenSchema, "/v1/testing/card_token", { headers: this.apiKey() });
  }

  /** A new authorization code for an existing shopper, as Bolt's login modal gets one after the one-time code. */
  async loginCode(email: string, otp = SANDBOX_OTP): Promise<string> {
    const answer = await this.send(LoginCodeSchema, "/connect/login/verify", {
      json: { email, otp },
      headers: { Origin: this.url },
    });
    return answer.authorizationCode;
  }

  /**
   * A token for a card as the payment field makes one: the card typed into Bolt's field, sent by the
   * field's own page to Bolt's tokenizer. Defaults: an expiry next year, CVV 123, postal code 94105.
   */
  async tokenizeCard(card: TestCardEntry = {}): Promise<FieldToken> {
    const year = new Date().getUTCFullYear() + 1;
    return this.send(FieldTokenSchema, "/connect/tokenize", {
      json: {
        key: this.credentials.publishableKey,
        number: card.number ?? TEST_CARD_NUMBERS.approves,
        expiration: card.expiration ?? `${year}-08`,
        cvv: card.cvv ?? "123",
        postal_code: card.postalCode ?? "94105",
      },
      headers: { Origin: this.url },
    });
  }

  /**
   * A token for a card typed into a field without the billing ZIP input, as the sandbox profile's
   * field is unless the storefront asks for it: no `postal_code`, and no `network`.
   */
  async tokenizeCardWithoutZip(card: Omit<TestCardEntry, "postalCode"> = {}): Promise<ZiplessFieldToken> {
    const year = new Date().getUTCFullYear() + 1;
    return this.send(ZiplessFieldTokenSchema, "/connect/tokenize", {
      json: {
        key: this.credentials.publishableKey,
        number: card.number ?? TEST_CARD_NUMBERS.approves,
        expiration: card.expiration ?? `${year}-08`,
        cvv: card.cvv ?? "123",
      },
      headers: { Origin: this.url },
    });
  }

  /**
   * The next `times` (default 1) tokenizations that reach Bolt's tokenizer fail: `tokenize()` rejects
   * (`reject`) or resolves to an `Error` (`error`). Answers how many failures are queued.
   */
  async failNextTokenize(outcome: "reject" | "error", options: { message?: string; times?: number } = {}) {
    const answer = await this.send(
      PendingTokenizeFaultsSchema,
      "/__emulator/tokenize-faults",
      { json: { outcome, ...options } },
      [201],
    );
    return answer.pending;
  }

  async clearTokenizeFaults(): Promise<void> {
    await this.answer("/__emulator/tokenize-faults", { method: "DELETE" });
  }

  /** `GET /v1/account/exists`: whether Bolt knows this email, as embed.js asks it. */
  async accountExists(email: string): Promise<boolean> {
    return this.send(AccountExistsSchema, `/v1/account/exists?${new URLSearchParams({ email })}`, {
      headers: { "X-Publishable-Key": this.credentials.publishableKey },
    });
  }

  /** The code exchange a merchant back end makes, straight at the emulator. */
  async exchangeCode(code: string, scope = MANAGE_SCOPE): Promise<Tokens> {
    return this.send(TokensSchema, "/v1/oauth/token", {
      form: this.tokenForm({ grant_type: "authorization_code", code, scope }),
    });
  }

  /** A refresh straight at the emulator, as a second instance (or a thief) holding the token would make it. */
  async refresh(refreshToken: string, scope = "bolt.account.view"): Promise<Tokens> {
    return this.send(TokensSchema, "/v1/oauth/token", {
      form: this.tokenForm({ grant_type: "refresh_token", refresh_token: refreshToken, scope }),
    });
  }

  /** A fresh shopper with `bolt.account.manage` tokens (their code is used up). */
  async signedInShopper(request?: TestingAccountRequest): Promise<TestShopper & { tokens: Tokens }> {
    const shopper = await this.createShopper(request);
    return { ...shopper, tokens: await this.exchangeCode(shopper.oauthCode) };
  }

  /** What Bolt holds for the shopper an access token belongs to. */
  async account(accessToken: string): Promise<Account> {
    return this.send(AccountSchema, "/v1/account", { headers: this.bearer(accessToken) });
  }

  /** Saves the universal test card to the shopper's wallet, billed to their first address, so they can pay in one click. */
  async saveTestCard(accessToken: string, options: { makeDefault?: boolean } = {}) {
    const [card, account] = await Promise.all([this.cardToken(), this.account(accessToken)]);
    const address = account.addresses[0];
    if (!address) throw new Error("the shopper needs an address before a card");
    const billing = {
      first_name: address.first_name,
      last_name: address.last_name,
      street_address1: address.street_address1,
      locality: address.locality,
      region: address.region,
      postal_code: address.postal_code,
      country_code: address.country_code,
      email: account.profile.email,
    };
    return this.send(SavedCardSchema, "/v1/account/payment_methods", {
      json: {
        token: card.token,
        last4: card.last4,
        bin: card.bin,
        network: card.network,
        expiration: `${new Date().getFullYear() + 3}-08`,
        token_type: "bolt",
        default: options.makeDefault ?? true,
        billing_address_id: address.id,
        billing_address: billing,
      },
      headers: this.bearer(accessToken),
    });
  }

  /** Injects a fault; `remove` is safe to call after a rule with `times` has removed itself. */
  async addFault(rule: FaultRuleInput): Promise<InjectedFault> {
    const { id } = await this.send(FaultIdSchema, "/__emulator/faults", { json: rule }, [201]);
    const path = `/__emulator/faults/${id}`;
    const standing = async () => (await this.answer(path, {}, [200, 404])).status === 200;
    const remove = async () => void (await this.answer(path, { method: "DELETE" }, [200, 404]));
    return { id, standing, remove };
  }

  /** Per-shopper token and code lifetimes, for tokens and codes minted after the call. */
  async setLifetimes(email: string, lifetimes: LifetimeOverride) {
    return this.send(LifetimesSchema, "/__emulator/lifetimes", { json: { email, ...lifetimes } });
  }

  /** The emulator's log of API requests, oldest first. */
  async requests(filter: LogFilter = {}): Promise<LoggedRequest[]> {
    const query = new URLSearchParams();
    if (filter.email) query.set("email", filter.email);
    if (filter.path) query.set("path", filter.path);
    if (filter.grantType) query.set("grant_type", filter.grantType);
    if (filter.traceId) query.set("trace_id", filter.traceId);
    return this.send(RequestLogSchema, `/__emulator/requests?${query}`);
  }

  /** The logged request whose answer carried this `X-Bolt-Trace-Id`, if any. */
  async requestByTraceId(traceId: string): Promise<LoggedRequest | undefined> {
    const [entry] = await this.requests({ traceId });
    return entry;
  }

  async clearRequests(): Promise<void> {
    await this.answer("/__emulator/requests", { method: "DELETE" });
  }

  /** Payments the emulator made (declined ones are no orders), for a shopper's email or with a filter. */
  async orders(filter: string | OrderFilter = {}) {
    const { email, orderReference } = typeof filter === "string" ? { email: filter } : filter;
    const query = new URLSearchParams();
    if (email) query.set("email", email);
    if (orderReference) query.set("order_reference", orderReference);
    return this.send(OrdersSchema, `/__emulator/orders?${query}`);
  }

  /** `GET /v1/merchant/transactions/{REFERENCE}`: a payment or refund as Bolt shows it now. */
  async transaction(reference: string): Promise<TransactionView> {
    return this.send(TransactionViewSchema, `/v1/merchant/transactions/${encodeURIComponent(reference)}`, {
      headers: this.apiKey(),
    });
  }

  /** `POST /v1/merchant/transactions/capture`: captures part or all of what is left of an authorization. */
  async capture(reference: string, amount: number, options: SettlementOptions = {}): Promise<TransactionView> {
    return this.settle(
      "capture",
      { transaction_reference: reference, amount, ...this.settlementFields(options) },
      options,
    );
  }

  /** `POST /v1/merchant/transactions/void`: releases an authorization nothing was captured from. */
  async voidTransaction(reference: string, options: SettlementOptions = {}): Promise<TransactionView> {
    return this.settle("void", { transaction_reference: reference, ...this.settlementFields(options, false) }, options);
  }

  /** `POST /v1/merchant/transactions/credit`: refunds captured money; answers the refund transaction. */
  async credit(reference: string, amount: number, options: SettlementOptions = {}): Promise<TransactionView> {
    return this.settle(
      "credit",
      { transaction_reference: reference, amount, ...this.settlementFields(options) },
      options,
    );
  }

  /** `POST /v1/merchant/transactions/review`: approves or rejects a payment held for review. */
  async review(
    reference: string,
    decision: "approve" | "reject",
    options: SettlementOptions = {},
  ): Promise<TransactionView> {
    const fields = this.settlementFields(options, false);
    return this.settle("review", { transaction_reference: reference, decision, ...fields }, options);
  }

  /** `POST /v1/webhooks`: sends `events` (default: every event) to `url`; answers the webhook id. */
  async registerWebhook(url: string, events: WebhookEventType[] | "all" = "all"): Promise<string> {
    const division_id = this.credentials.divisionId ?? SANDBOX_CREDENTIALS.divisionId;
    const subscription = events === "all" ? { event_group: "all" } : { events };
    return this.send(WebhookIdSchema, "/v1/webhooks", {
      json: { division_id, url, ...subscription },
      headers: this.apiKey(),
    });
  }

  async webhooks(): Promise<Webhook[]> {
    const division_id = this.credentials.divisionId ?? SANDBOX_CREDENTIALS.divisionId;
    return this.send(WebhooksSchema, `/v1/webhooks?${new URLSearchParams({ division_id })}`, {
      headers: this.apiKey(),
    });
  }

  async deleteWebhook(webhookId: string): Promise<void> {
    await this.answer(`/v1/webhooks/${encodeURIComponent(webhookId)}`, { method: "DELETE", headers: this.apiKey() });
  }

  /** The emulator's log of webhook delivery attempts, oldest first. */
  async deliveries(filter: DeliveryFilter = {}): Promise<DeliveryAttempt[]> {
    const query = new URLSearchParams();
    if (filter.reference) query.set("reference", filter.reference);
    if (filter.type) query.set("type", filter.type);
    if (filter.orderReference) query.set("order_reference", filter.orderReference);
    return this.send(DeliveriesSchema, `/__emulator/webhooks?${query}`);
  }

  async clearDeliveries(): Promise<void> {
    await this.answer("/__emulator/webhooks", { method: "DELETE" });
  }

  /** Replaces the webhook delivery faults (duplicates, reordering, a wrong secret, a rotation). */
  async setWebhookFaults(faults: WebhookFaultsInput): Promise<void> {
    await this.answer("/__emulator/webhooks/faults", { json: faults });
  }

  /** Clears the webhook faults; events held by `reorder` are delivered then, newest first. */
  async clearWebhookFaults(): Promise<void> {
    await this.answer("/__emulator/webhooks/faults", { method: "DELETE" });
  }

  /** Acts on a payment "in Bolt's dashboard": the same change and webhook as through the API. */
  async dashboard(reference: string, action: DashboardActionInput): Promise<TransactionView> {
    return this.send(TransactionViewSchema, `/__emulator/dashboard/transactions/${encodeURIComponent(reference)}`, {
      json: action,
    });
  }

  /**
   * The origin the login modal and its images come from: the sandbox profile's second origin, or the
   * emulator's own in the spec profile, where there is only one.
   */
  async assetsUrl(): Promise<string> {
    const origins = await this.send(OriginsSchema, "/__emulator/origins");
    return origins.assets ?? origins.connect;
  }

  /** The headers of an account API call on behalf of a shopper. */
  bearer(accessToken: string): Record<string, string> {
    return { Authorization: `Bearer ${accessToken}`, ...this.apiKey() };
  }

  /** A token request's form: the client's credentials and these fields. */
  tokenForm(fields: Record<string, string>): Record<string, string> {
    return { client_id: this.credentials.publishableKey, client_secret: this.credentials.apiKey, ...fields };
  }

  private apiKey(): Record<string, string> {
    return { "X-API-Key": this.credentials.apiKey };
  }

  /** The body fields a settlement call's options stand for. */
  private settlementFields(options: SettlementOptions, withCurrency = true): Record<string, unknown> {
    return {
      ...(withCurrency ? { currency: options.currency ?? "USD" } : {}),
      ...(options.skipHookNotification === undefined ? {} : { skip_hook_notification: options.skipHookNotification }),
    };
  }

  private async settle(
    operation: "capture" | "void" | "credit" | "review",
    body: Record<string, unknown>,
    options: SettlementOptions,
  ): Promise<TransactionView> {
    const headers = {
      ...this.apiKey(),
      ...(options.idempotencyKey ? { "Idempotency-Key": options.idempotencyKey } : {}),
    };
    return this.send(TransactionViewSchema, `/v1/merchant/transactions/${operation}`, { json: body, headers });
  }

  private async answer(path: string, init: CallInit, expected = [200]) {
    const answer = await call(`${this.url}${path}`, init);
    if (!expected.includes(answer.status)) throw new EmulatorAnswerError(path, answer.status, answer.text);
    return answer;
  }

  private async send<S extends z.ZodType>(
    schema: S,
    path: string,
    init: CallInit = {},
    expected?: number[],
  ): Promise<z.output<S>> {
    return schema.parse((await this.answer(path, init, expected)).body);
  }
}
