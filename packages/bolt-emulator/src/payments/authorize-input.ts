import * as z from "zod";
import { AddressInput, Phone } from "../account/schemas";

const Minor = z.int().min(0, { error: "must be a non-negative integer amount in minor units" });

export const Cart = z.looseObject({
  order_reference: z.string().trim().min(1),
  currency: z.string().regex(/^[A-Z]{3}$/, { error: "must be an ISO 4217 code such as USD" }),
  total_amount: Minor,
  tax_amount: Minor.optional(),
  items: z
    .array(
      z.looseObject({
        reference: z.string().min(1),
        name: z.string().min(1),
        total_amount: Minor,
        unit_price: Minor,
        quantity: z.int().min(1).max(15000),
        tax_amount: Minor.nullable().optional(),
      }),
    )
    .optional(),
  discounts: z.array(z.looseObject({ amount: Minor.optional() })).optional(),
  shipments: z.array(z.looseObject({ cost: Minor.optional(), tax_amount: Minor.optional() })).optional(),
});
export type Cart = z.output<typeof Cart>;

/** What both authorization bodies share besides the card. */
const common = {
  cart: Cart,
  // Required by the spec; Bolt's sandbox took it empty or absent (checked per profile in the route).
  division_id: z.string().optional(),
  source: z.literal("direct_payments"),
  user_identity: z.looseObject({ first_name: z.string().optional(), last_name: z.string().optional() }),
  auto_capture: z.boolean().optional(),
  shipping_address: AddressInput.optional(),
  merchant_event_id: z.string().optional(),
  previous_transaction_id: z.string().nullable().optional(),
  processing_initiator: z.string().optional(),
};

/** Bolt's `merchant_credit_card_authorization_recharge`: pay with a saved card of the signed-in shopper. */
export const RechargeInput = z.strictObject({
  ...common,
  credit_card_id: z.string().min(1),
  user_identifier: z.looseObject({ email: z.email().optional(), phone: Phone }),
});
export type RechargeInput = z.output<typeof RechargeInput>;

/** Bolt's `credit_card`: a token from the payment field and what the field said about the card. */
const NewCard = z.strictObject({
  token: z.string().trim().min(1).max(512),
  last4: z.string().regex(/^\d{4}$/, { error: "must be 4 digits" }),
  bin: z.string().regex(/^\d{4,6}$/, { error: "must be 4 to 6 digits" }),
  expiration: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: "must be YYYY-MM, e.g. 2029-08" }),
  postal_code: z.string().max(32),
  token_type: z.literal("bolt"),
  billing_address: AddressInput.optional(),
  priority: z.union([z.literal(1), z.literal(2)]).optional(),
  save: z.boolean().optional(),
});

/**
 * Bolt's `merchant_credit_card_authorization`: pay with a new card, as a guest (API key only) or
 * signed in (with the bearer). `user_identifier.phone` is required in both profiles: the spec's
 * `user_identifier` requires it, and every recorded sandbox payment and Bolt's own plugins send one.
 */
export const NewCardInput = z.strictObject({
  ...common,
  credit_card: NewCard,
  create_bolt_account: z.boolean(),
  user_identifier: z.looseObject({ email: z.email().optional(), phone: Phone }),
});
export type NewCardInput = z.output<typeof NewCardInput>;
