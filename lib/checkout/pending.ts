import "server-only";
import { cookies } from "next/headers";
import { getEnv } from "@/lib/env";
import { KvUnavailableError } from "@/lib/kv";
import { checkoutAttempts } from "./attempt";
import { checkoutCookieName, isCheckoutId } from "./checkout-id";

/**
 * The payment this browser sent that Bolt never answered, for the checkout page to say so. While the
 * shared store is out of reach the page renders without it: placing the order still checks.
 */
export async function pendingPayment(): Promise<{ total: number } | undefined> {
  const id = (await cookies()).get(checkoutCookieName(getEnv()))?.value;
  if (!isCheckoutId(id)) return undefined;
  try {
    const attempt = await checkoutAttempts(id).load();
    return attempt && { total: attempt.payment.input.cart.totalAmount };
  } catch (error) {
    if (error instanceof KvUnavailableError) return undefined;
    throw error;
  }
}
