import "server-only";
import { getDatabase, LedgerUnavailableError } from "@/lib/db";
import { findOpenOrder } from "@/lib/ledger";
import { checkoutIdHashOf } from "./checkout-id";

/**
 * None for a guest, known only by the email typed at the click: the next person at a shared browser
 * must not see, nor resend, another guest's payment. Without the ledger the page renders without it.
 */
export async function pendingOrderOf(
  checkoutId: string | undefined,
  sub: string | undefined,
): Promise<{ total: number } | undefined> {
  const checkoutIdHash = checkoutIdHashOf(checkoutId);
  if (!checkoutIdHash || !sub) return undefined;
  try {
    const order = await findOpenOrder(await getDatabase(), { checkoutIdHash, shopper: { sub } });
    return order ? { total: order.totalCents } : undefined;
  } catch (error) {
    if (error instanceof LedgerUnavailableError) return undefined;
    throw error;
  }
}
