import "server-only";
import { sealData, unsealData, type CookieJar } from "iron-session";
import { cookies } from "next/headers";
import * as z from "zod";
import type { Authorization } from "@/lib/bolt";
import { getEnv, type Env } from "@/lib/env";
import { cookieName } from "@/lib/http/cookie-name";
import { derivedPasswords } from "@/lib/session/sealing";
import type { Attempt } from "./attempt";

/**
 * The confirmation page's copy of a just-placed order, sealed in a short-lived cookie with a key of its
 * own (it holds an address and an email). A real store would read its order database here.
 */
const RECEIPT_TTL_SECONDS = 60 * 60;

function receiptCookie(env: Env) {
  return {
    name: cookieName(env, "order_receipt"),
    options: { httpOnly: true, secure: !env.sessionCookieInsecure, sameSite: "lax", path: "/" } as const,
  };
}

const Money = z.number().int().nonnegative();

const ReceiptSchema = z.object({
  orderId: z.string().min(1).max(256),
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
  /** Placed without signing in: the cookie alone proves this browser placed it. */
  guest: z.boolean(),
  accountCreated: z.boolean(),
});

export type Receipt = z.infer<typeof ReceiptSchema>;

/** Seals what the schema lists and nothing more: a saved address loses its id, phone and default flag. */
export async function saveReceipt(jar: CookieJar, receipt: Receipt): Promise<void> {
  const seal = await sealData(ReceiptSchema.parse(receipt), {
    password: derivedPasswords("receipt"),
    ttl: RECEIPT_TTL_SECONDS,
  });
  const { name, options } = receiptCookie(getEnv());
  jar.write(name, seal, { ...options, maxAge: RECEIPT_TTL_SECONDS });
}

/** On logout, so the next person at this browser can't read it. */
export function clearReceipt(jar: CookieJar): void {
  const { name, options } = receiptCookie(getEnv());
  jar.write(name, "", { ...options, maxAge: 0 });
}

/** Within the hour, to the browser that placed it: as a guest, or signed in as the same shopper still. */
export async function readReceipt(orderId: string, signedInEmail: string | undefined): Promise<Receipt | null> {
  const seal = (await cookies()).get(receiptCookie(getEnv()).name)?.value;
  if (!seal) return null;
  try {
    const data = await unsealData(seal, { password: derivedPasswords("receipt"), ttl: RECEIPT_TTL_SECONDS });
    const parsed = ReceiptSchema.safeParse(data);
    if (!parsed.success || parsed.data.orderId !== orderId) return null;
    return parsed.data.guest || parsed.data.email === signedInEmail ? parsed.data : null;
  } catch {
    return null;
  }
}

function knownNetwork(network: string): string | undefined {
  return network === "unknown" ? undefined : network;
}

export function receiptOf(attempt: Attempt, authorization: Authorization, placedAt = Date.now()): Receipt {
  const { cart, user } = attempt.payment.input;
  return {
    orderId: authorization.orderId,
    status: authorization.status,
    placedAt,
    email: user.email,
    lines: cart.items.map((item) => ({ name: item.name, quantity: item.quantity, lineTotal: item.totalAmount })),
    subtotal: cart.items.reduce((sum, item) => sum + item.totalAmount, 0),
    shipping: cart.shippingAmount ?? 0,
    tax: cart.taxAmount,
    total: cart.totalAmount,
    address: attempt.shipTo,
    // Bolt's newer field names no network; Bolt's answer does.
    card: { ...attempt.card, network: knownNetwork(attempt.card.network) ?? authorization.network ?? "unknown" },
    guest: !attempt.signedIn,
    accountCreated: authorization.accountCreated,
  };
}
