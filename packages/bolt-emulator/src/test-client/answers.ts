import * as z from "zod";
import type { LoggedRequest } from "../admin/request-log";
import type { ResolvedLifetimes } from "../store/lifetimes";
import type { Order } from "../store/transactions";
import type { DeliveryAttempt } from "../webhooks/delivery-log";
import { WEBHOOK_EVENTS } from "../webhooks/events";

// What the emulator answers, parsed: a test that reads a field the emulator stopped sending fails
// here, by name, rather than comparing against undefined. Where the emulator has its own type for a
// shape, the schema is checked against it, so the two cannot drift apart.

/** Bolt's `testing_account_details`, reshaped into what tests use. */
export const TestShopperSchema = z
  .object({ email: z.string(), otp_code: z.string(), oauth_code: z.string() })
  .transform((body) => ({ email: body.email, otp: body.otp_code, oauthCode: body.oauth_code }));

export type TestShopper = z.output<typeof TestShopperSchema>;

export const CardTokenSchema = z.object({
  token: z.string(),
  expiry: z.number(),
  last4: z.string(),
  bin: z.string(),
  network: z.string(),
});

/** The login modal's answer once the one-time code is right. */
export const LoginCodeSchema = z.object({ email: z.string(), authorizationCode: z.string(), scope: z.string() });

/**
 * What the payment field's `tokenize()` resolves with when the field shows its ZIP input (always, in
 * the spec profile): Bolt's documented token shape. The sandbox profile leaves out `network`, as
 * Bolt's own integrations read none.
 */
export const FieldTokenSchema = z.object({
  token: z.string(),
  bin: z.string(),
  last4: z.string(),
  expiration: z.string(),
  network: z.string().optional(),
  token_type: z.literal("bolt"),
  postal_code: z.string(),
});

export type FieldToken = z.infer<typeof FieldTokenSchema>;

/** A token from a field without the ZIP input (sandbox profile): no `postal_code`, no `network`. */
export const ZiplessFieldTokenSchema = FieldTokenSchema.omit({ postal_code: true, network: true }).strict();

export type ZiplessFieldToken = z.infer<typeof ZiplessFieldTokenSchema>;

export const PendingTokenizeFaultsSchema = z.object({ pending: z.number() });

export const AccountExistsSchema = z
  .object({ has_bolt_account: z.boolean() })
  .transform((body) => body.has_bolt_account);

/** The token endpoint's answer to either grant. */
export const TokensSchema = z.object({
  access_token: z.string(),
  refresh_token: z.string(),
  id_token: z.string().optional(),
  token_type: z.literal("bearer"),
  expires_in: z.number(),
  scope: z.string(),
  refresh_token_scope: z.string(),
});

export type Tokens = z.infer<typeof TokensSchema>;

const AccountAddressSchema = z.looseObject({
  id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  street_address1: z.string(),
  locality: z.string(),
  region: z.string().optional(),
  postal_code: z.string(),
  country_code: z.string(),
  default: z.boolean(),
});

/** Bolt's `account_details`: the fields tests read; the rest is kept as sent. */
export const AccountSchema = z.looseObject({
  profile: z.looseObject({ email: z.string(), first_name: z.string(), last_name: z.string() }),
  addresses: z.array(AccountAddressSchema),
  payment_methods: z.array(z.looseObject({ id: z.string(), last4: z.string(), default: z.boolean() })),
});

export type Account = z.infer<typeof AccountSchema>;

export const SavedCardSchema = z.looseObject({ id: z.string(), last4: z.string(), default: z.boolean() });

export const FaultIdSchema = z.object({ id: z.string() });

/** The shopper's lifetimes after the change, every one resolved. */
export const LifetimesSchema = z.object({
  email: z.string(),
  accessTokenTtlSeconds: z.number(),
  refreshTokenTtlSeconds: z.number(),
  codeTtlSeconds: z.number(),
}) satisfies z.ZodType<ResolvedLifetimes & { email: string }>;

export const RequestLogSchema = z
  .object({
    requests: z.array(
      z.object({
        at: z.string(),
        method: z.string(),
        path: z.string(),
        status: z.number(),
        durationMs: z.number(),
        shopper: z.string().optional(),
        grantType: z.string().optional(),
        traceId: z.string(),
        nonce: z.string().optional(),
      }) satisfies z.ZodType<LoggedRequest>,
    ),
  })
  .transform((body) => body.requests);

export const OrdersSchema = z
  .object({
    orders: z.array(
      z.object({
        orderNumber: z.string().optional(),
        orderReference: z.string(),
        shopper: z.string(),
        amount: z.number(),
        currency: z.string(),
        creditCardId: z.string(),
        transactionId: z.string(),
        transactionReference: z.string(),
        createdAt: z.string(),
        status: z.enum([
          "authorized",
          "pending",
          "completed",
          "cancelled",
          "rejected_reversible",
          "rejected_irreversible",
          "failed",
        ]),
        capturedAmount: z.number(),
        refundedAmount: z.number(),
      }) satisfies z.ZodType<Order>,
    ),
  })
  .transform((body) => body.orders);

const AmountSchema = z.looseObject({ amount: z.number(), currency: z.string() });

/** Bolt's `transaction_view` (and the details `GET` adds): the fields tests read; the rest is kept as sent. */
export const TransactionViewSchema = z.looseObject({
  id: z.string(),
  reference: z.string(),
  type: z.string(),
  status: z.string(),
  amount: AmountSchema,
  order_reference: z.string(),
  captures: z.array(z.looseObject({ id: z.string(), status: z.string(), amount: AmountSchema })).nullable(),
  risk_review_status: z.string().optional(),
  refunded_amount: AmountSchema.optional(),
  source_transaction: z.looseObject({ reference: z.string() }).optional(),
});

export type TransactionView = z.infer<typeof TransactionViewSchema>;

export const WebhookIdSchema = z.object({ webhook_id: z.string() }).transform((body) => body.webhook_id);

/** Bolt's `webhook`. */
export const WebhookSchema = z.object({
  webhook_id: z.string(),
  url: z.string(),
  created_at: z.number(),
  event_group: z.literal("all").optional(),
  events: z.array(z.enum(WEBHOOK_EVENTS)).nullable(),
});

export type Webhook = z.infer<typeof WebhookSchema>;

export const WebhooksSchema = z.object({ webhooks: z.array(WebhookSchema) }).transform((body) => body.webhooks);

export const DeliveriesSchema = z
  .object({
    deliveries: z.array(
      z.object({
        delivery: z.string(),
        attempt: z.number(),
        type: z.enum(WEBHOOK_EVENTS),
        reference: z.string(),
        orderReference: z.string(),
        webhookId: z.string(),
        url: z.string(),
        at: z.string(),
        durationMs: z.number(),
        status: z.number().optional(),
        error: z.string().optional(),
        delivered: z.boolean(),
        faults: z.array(z.string()),
      }) satisfies z.ZodType<DeliveryAttempt>,
    ),
  })
  .transform((body) => body.deliveries);
/** The browser pieces' origins: embed.js's, and the sandbox profile's second one (null in the spec profile). */
export const OriginsSchema = z.object({ connect: z.string(), assets: z.string().nullable() });
