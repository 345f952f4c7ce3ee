import "server-only";
import { getTransaction } from "@/lib/bolt";
import type { Database } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import type { ReconcilerDeps } from "@/lib/ledger/reconciler";
import { learnedFrom, learnedFromTransaction, type SendResult } from "./answer";
import { authorizeAttempt, openAttempt } from "./attempt";

/** What the reconciler needs from Bolt and the sealed requests, decided as a shopper's click decides. */
export function reconcilerDeps(db: Database, env: Pick<Env, "boltTimeoutMs" | "boltPaymentTimeoutMs">): ReconcilerDeps {
  return {
    db,
    lockMs: env.boltPaymentTimeoutMs + env.boltTimeoutMs + 2_000,
    async readTransaction(order, reference) {
      try {
        return learnedFromTransaction(await getTransaction(reference), order.totalCents);
      } catch (error) {
        return { kind: "unconfirmed", reason: `Bolt's transaction not read: ${nameOf(error)}` };
      }
    },
    async prepareResend(order, sealed) {
      const attempt = await openAttempt(sealed);
      if (!attempt) return { unsent: "its kept request does not open: was its SESSION_PASSWORD id retired?" };
      if (attempt.signedIn) return { unsent: "can be sent again only from the shopper's checkout" };
      return async () => {
        let result: SendResult;
        try {
          result = { ok: true, authorization: await authorizeAttempt(attempt, undefined) };
        } catch (error) {
          result = { ok: false, error };
        }
        return learnedFrom(result, { resend: true, order }).answer;
      };
    },
  };
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : "unknown error";
}
