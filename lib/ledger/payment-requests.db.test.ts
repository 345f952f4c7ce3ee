import { describe, expect, it } from "vitest";
import { TEST_DATABASES } from "@/lib/db/testing/test-databases";
import { recordAnswer } from "./answers";
import { InvalidLedgerInputError } from "./errors";
import { createPendingOrder } from "./orders";
import {
  keptRequestsBySealingId,
  PAYMENT_REQUEST_TTL_MS,
  putPaymentRequest,
  sweepExpiredRequests,
  takePaymentRequest,
} from "./payment-requests";
import { orderInput, useTestDatabase } from "./testing/orders";

const HOUR = 60 * 60_000;

describe.each(TEST_DATABASES)("payment requests on %s", (kind) => {
  const db = useTestDatabase(kind);
  const pending = async () => (await createPendingOrder(db(), orderInput())).order;

  it("keeps an order's sealed request to resend, as it was first kept", async () => {
    const order = await pending();
    await expect(putPaymentRequest(db(), order.id, "sealed-first")).resolves.toBe(true);
    await expect(putPaymentRequest(db(), order.id, "sealed-second")).resolves.toBe(false);

    await expect(takePaymentRequest(db(), order.id)).resolves.toBe("sealed-first");
    // Reading it does not use it up: a resend may time out too.
    await expect(takePaymentRequest(db(), order.id)).resolves.toBe("sealed-first");
  });

  it("keeps nothing for an order whose answer is known, or that does not exist", async () => {
    const order = await pending();
    await recordAnswer(db(), order.id, { kind: "declined", reason: "Card declined" });
    await expect(putPaymentRequest(db(), order.id, "sealed")).resolves.toBe(false);
    await expect(takePaymentRequest(db(), order.id)).resolves.toBeNull();
    await expect(putPaymentRequest(db(), "000000000000", "sealed")).resolves.toBe(false);
  });

  it("counts the requests kept by the password id that sealed them, and says until when", async () => {
    const [older, newer] = [String(Date.now()), String(Date.now() + 1)];
    for (const id of [older, newer, newer]) await putPaymentRequest(db(), (await pending()).id, `A256GCM*${id}*iv*b*t`);
    const lapse = Date.now() + PAYMENT_REQUEST_TTL_MS;
    const ours = (await keptRequestsBySealingId(db())).filter(({ sealingId }) => [older, newer].includes(sealingId));
    expect(ours.map(({ sealingId, requests }) => [sealingId, requests])).toEqual([
      [older, 1],
      [newer, 2],
    ]);
    for (const { keptUntil } of ours) expect(Math.abs(keptUntil.getTime() - lapse)).toBeLessThan(60_000);
    const later = new Date(lapse + HOUR);
    expect((await keptRequestsBySealingId(db(), later)).map(({ sealingId }) => sealingId)).not.toContain(older);
  });

  it("stops handing out a request once Bolt has forgotten its key, and sweeps it", async () => {
    const order = await pending();
    await putPaymentRequest(db(), order.id, "sealed");
    const later = new Date(Date.now() + PAYMENT_REQUEST_TTL_MS + HOUR);

    await expect(
      takePaymentRequest(db(), order.id, new Date(Date.now() + PAYMENT_REQUEST_TTL_MS - HOUR)),
    ).resolves.toBe("sealed");
    await expect(takePaymentRequest(db(), order.id, later)).resolves.toBeNull();

    await expect(sweepExpiredRequests(db(), new Date())).resolves.toBe(0);
    await expect(sweepExpiredRequests(db(), later)).resolves.toBeGreaterThanOrEqual(1);
    await expect(takePaymentRequest(db(), order.id)).resolves.toBeNull();
  });

  it("refuses an empty or oversized sealed request", async () => {
    const order = await pending();
    await expect(putPaymentRequest(db(), order.id, "")).rejects.toBeInstanceOf(InvalidLedgerInputError);
    await expect(putPaymentRequest(db(), order.id, "x".repeat(131_073))).rejects.toBeInstanceOf(
      InvalidLedgerInputError,
    );
  });
});
