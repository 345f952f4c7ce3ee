import "server-only";
import type { Database } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { keptRequestsBySealingId, type KeptBySealingId } from "@/lib/ledger/payment-requests";
import { log } from "@/lib/log/logger";

/**
 * The password ids SESSION_PASSWORD no longer has that still seal open orders' payment requests: those
 * orders can't be resent, and their shoppers can't order again from that checkout until the requests
 * lapse. Logged as an error naming what to put back and until when.
 */
export async function warnOfRetiredPasswords(db: Database, now: Date = new Date()): Promise<KeptBySealingId[]> {
  const passwords = getEnv().sessionPasswords;
  const retired = (await keptRequestsBySealingId(db, now)).filter(
    ({ sealingId }) => !Object.hasOwn(passwords, sealingId),
  );
  for (const { sealingId, requests, keptUntil } of retired) {
    log.error(
      `SESSION_PASSWORD has no id ${sealingId}, which sealed the payment requests of ${requests} open order(s): ` +
        `put it back until ${keptUntil.toISOString()}, or they can't be sent again`,
      { passwordId: sealingId, requests, keptUntil: keptUntil.toISOString() },
    );
  }
  return retired;
}
