import "server-only";
import { getDatabase, LedgerUnavailableError } from "@/lib/db";
import { findOpenOrder } from "@/lib/ledger";
import { checkoutIdHashOf } from "./checkout-id";

/**
 * The signed-in shopper's order of this checkout whose answer is not known yet, for the checkout's
 * notice. A guest is known only by the email typed at the click, so a guest's page shows none: the
 * next person at a shared browser must not see, nor resend, another guest's payment. While the
 * ledger is out of reach the page renders without it: placing the order still checks.
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
