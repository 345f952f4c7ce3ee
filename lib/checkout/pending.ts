import "server-only";
import { getDatabase, LedgerUnavailableError } from "@/lib/db";
import { latestCheckoutOrder } from "@/lib/ledger";
import { checkoutIdHashOf } from "./checkout-id";

/**
 * The order this checkout placed without the shopper seeing its answer: still open, or confirmed since
 * by the reconciler or Bolt's webhook (a placed order shown to the shopper starts a new checkout). The
 * page's check then resends it, or shows it. None for a guest, known only by the email typed at the
 * click: the next person at a shared browser must not see, nor resend, another guest's payment.
 */
export async function pendingOrderOf(
  checkoutId: string | undefined,
  sub: string | undefined,
): Promise<{ total: number } | undefined> {
  const checkoutIdHash = checkoutIdHashOf(checkoutId);
  if (!checkoutIdHash || !sub) return undefined;
  try {
    const order = await latestCheckoutOrder(await getDatabase(), { checkoutIdHash, shopper: { sub } });
    return order && order.status !== "declined" ? { total: order.totalCents } : undefined;
  } catch (error) {
    if (error instanceof LedgerUnavailableError) return undefined;
    throw error;
  }
}
