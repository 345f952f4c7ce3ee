import * as z from "zod";
import { MAX_CART_LINES } from "@/lib/cart/items";
import { InvalidLedgerInputError } from "./errors";
import { isOrderId } from "./order-id";
import { BASE64URL_256 } from "./secrets";

/** Postgres's integer: about 21 million in a currency's main unit. */
const Cents = z.number().int().nonnegative().max(2_147_483_647);
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
/** Compared as Bolt and mail systems do in practice: without regard to case. */
const Email = z
  .email()
  .max(254)
  .transform((email) => email.toLowerCase());
const SecretHash = z.string().regex(BASE64URL_256);

export const OrderId = z.string().refine(isOrderId, "not an order id");
export const Sub = text(255);

const OrderLine = z
  .object({
    productId: text(128),
    name: text(256),
    unitPriceCents: Cents,
    quantity: z.number().int().min(1).max(10_000),
    lineTotalCents: Cents,
  })
  .refine((line) => line.lineTotalCents === line.unitPriceCents * line.quantity, {
    message: "line total is not unit price × quantity",
    path: ["lineTotalCents"],
  });

const ShipTo = z.object({
  firstName: text(256),
  lastName: text(256),
  company: optionalText(256),
  street1: text(256),
  street2: optionalText(256),
  locality: text(256),
  /** Bolt requires a region for US addresses only. */
  region: z.string().trim().max(256),
  regionCode: optionalText(16),
  postalCode: text(32),
  countryCode: z.string().regex(/^[A-Z]{2}$/),
  phone: optionalText(32),
});

export const NewOrderInput = z
  .object({
    currency: z.string().regex(/^[A-Z]{3}$/),
    itemsCents: Cents,
    shippingCents: Cents,
    taxCents: Cents,
    totalCents: Cents,
    lines: z.array(OrderLine).min(1).max(MAX_CART_LINES),
    shopperSub: Sub.nullable(),
    email: Email,
    shipTo: ShipTo,
    /** Bolt's tokenizer may not say the network. */
    card: z.object({ network: text(32).nullable(), last4: z.string().regex(/^\d{4}$/) }).strict(),
    checkoutIdHash: SecretHash,
  })
  .strict()
  .superRefine((order, context) => {
    const items = order.lines.reduce((sum, line) => sum + line.lineTotalCents, 0);
    if (items !== order.itemsCents)
      context.addIssue({ code: "custom", path: ["itemsCents"], message: "not the sum of the lines" });
    if (order.itemsCents + order.shippingCents + order.taxCents !== order.totalCents)
      context.addIssue({ code: "custom", path: ["totalCents"], message: "not items + shipping + tax" });
  });
export type NewOrderInput = z.input<typeof NewOrderInput>;

export const Reason = text(500);
const BoltAnswer = z
  .object({
    kind: z.enum(["authorized", "in_review"]),
    boltReference: text(64),
    boltOrderNumber: text(64).optional(),
    amountCents: Cents,
    /** Bolt's `did_create_bolt_account`. */
    accountCreated: z.boolean().optional(),
    /** For an order whose card field named no network. */
    cardNetwork: text(32).optional(),
  })
  .strict();

/** "unconfirmed": no answer came (a timeout, a 5xx, a 409). */
export const Answer = z.union([
  BoltAnswer,
  z.object({ kind: z.literal("declined"), reason: Reason }).strict(),
  z.object({ kind: z.literal("unconfirmed"), reason: Reason }).strict(),
]);
export type Answer = z.input<typeof Answer>;

export const Shopper = z.union([z.object({ sub: Sub }).strict(), z.object({ guestEmail: Email }).strict()]);
export type Shopper = z.input<typeof Shopper>;

/** A guest's own browser is known by its checkout cookie and the email typed there. */
export const Viewer = z.union([
  z.object({ sub: Sub }).strict(),
  z.object({ guestKey: z.string().regex(BASE64URL_256) }).strict(),
  z.object({ checkoutIdHash: SecretHash, guestEmail: Email }).strict(),
]);
export type Viewer = z.input<typeof Viewer>;

export const ForgetWho = z.union([z.object({ sub: Sub }).strict(), z.object({ email: Email }).strict()]);
export type ForgetWho = z.input<typeof ForgetWho>;

export const CheckoutOrderQuery = z.object({ checkoutIdHash: SecretHash, shopper: Shopper }).strict();
export type CheckoutOrderQuery = z.input<typeof CheckoutOrderQuery>;

export const Page = z
  .object({ limit: z.number().int().min(1).max(100), before: OrderId.optional(), after: OrderId.optional() })
  .strict()
  .refine((page) => page.before === undefined || page.after === undefined, {
    message: "before and after are exclusive",
    path: ["after"],
  });
export type Page = z.input<typeof Page>;

/** A send lock outlives any send (Bolt's authorize can take well over our timeout), but not by hours. */
export const LockMs = z
  .number()
  .int()
  .min(1)
  .max(15 * 60_000);

/** Bounded to keep rows small, yet fits the largest cart (MAX_CART_LINES of the longest id and name). */
export const Sealed = z.string().min(1).max(131_072);

export function parse<T extends z.ZodType>(what: string, schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = [...new Set(result.error.issues.map((issue) => issue.path.join(".")))];
  throw new InvalidLedgerInputError(what, fields);
}
