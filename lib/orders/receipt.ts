import "server-only";
import { sealData, unsealData } from "iron-session";
import { cookies } from "next/headers";
import * as z from "zod";
import { getEnv } from "@/lib/env";

/**
 * The confirmation page's copy of a just-placed order, sealed (encrypted and signed) in a short-lived
 * cookie. A real store would read its own order database here; the demo keeps no server state.
 */
const RECEIPT_COOKIE = "order_receipt";
const RECEIPT_TTL_SECONDS = 60 * 60;

const Money = z.number().int().nonnegative();

const ReceiptSchema = z.object({
  /** Bolt's order number, or the transaction reference when Bolt gives none. */
  orderId: z.string().min(1).max(256),
  /** `in_review`: paid, and Bolt reviews the transaction before it completes. */
  status: z.enum(["placed", "in_review"]),
  placedAt: z.number().int(),
  email: z.string(),
  lines: z.array(z.object({ name: z.string(), quantity: z.number().int().positive(), lineTotal: Money })).max(50),
  subtotal: Money,
  shipping: Money,
  tax: Money,
  total: Money,
  address: z.object({
    firstName: z.string(),
    lastName: z.string(),
    company: z.string().optional(),
    street1: z.string(),
    street2: z.string().optional(),
    locality: z.string(),
    region: z.string(),
    postalCode: z.string(),
    countryCode: z.string(),
  }),
  card: z.object({ network: z.string(), last4: z.string() }),
});

export type Receipt = z.infer<typeof ReceiptSchema>;

/**
 * Seals what the schema lists and nothing else: a saved Bolt address passed in whole loses its id,
 * phone and default flag here. Only valid in Server Actions and Route Handlers, where cookies can be written.
 */
export async function saveReceipt(receipt: Receipt): Promise<void> {
  const env = getEnv();
  const seal = await sealData(ReceiptSchema.parse(receipt), {
    password: env.sessionPasswords,
    ttl: RECEIPT_TTL_SECONDS,
  });
  (await cookies()).set(RECEIPT_COOKIE, seal, {
    httpOnly: true,
    secure: !env.sessionCookieInsecure,
    sameSite: "lax",
    path: "/",
    maxAge: RECEIPT_TTL_SECONDS,
  });
}

/**
 * The receipt for `orderId` if this browser placed it as `email` within the last hour.
 * Tampered, expired or foreign seals read as "no receipt".
 */
export async function readReceipt(orderId: string, email: string): Promise<Receipt | null> {
  const seal = (await cookies()).get(RECEIPT_COOKIE)?.value;
  if (!seal) return null;
  try {
    const data = await unsealData(seal, { password: getEnv().sessionPasswords, ttl: RECEIPT_TTL_SECONDS });
    const parsed = ReceiptSchema.safeParse(data);
    if (!parsed.success || parsed.data.orderId !== orderId || parsed.data.email !== email) return null;
    return parsed.data;
  } catch {
    return null;
  }
}
