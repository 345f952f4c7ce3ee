import { describe, expect, it, onTestFinished } from "vitest";
import { REVIEW_TOTAL } from "../payments/transaction";
import {
  admin,
  emulatorForFile,
  payAsAlice,
  referenceOf,
  webhookReceiver,
  type Json,
  type Receiver,
} from "../test-client/vitest-harness";

const harness = emulatorForFile({ BOLT_EMULATOR_WEBHOOK_RETRY_MS: "50" });

async function receiver(): Promise<Receiver> {
  const hooks = await webhookReceiver();
  const id = await harness.client.registerWebhook(hooks.url);
  onTestFinished(async () => {
    await harness.client.deleteWebhook(id);
    await hooks.close();
  });
  return hooks;
}

async function paid(overrides: Json = {}): Promise<string> {
  return referenceOf(await payAsAlice(harness, overrides));
}

const act = (reference: string, body: Json) =>
  admin(harness, `/dashboard/transactions/${encodeURIComponent(reference)}`, { json: body });

const typesOf = (hooks: { json: Json }[]) => hooks.map((hook) => hook.json.type);

describe("POST /__emulator/dashboard/transactions/{reference}", () => {
  it("captures, refunds and voids as the API would, and the storefront hears of each by webhook", async () => {
    const hooks = await receiver();
    const reference = await paid();
    await hooks.waitFor(reference, 1);
    const captured = await act(reference, { action: "capture", amount: 4200 });
    expect(captured.status, captured.text).toBe(200);
    expect(captured.body).toMatchObject({ reference, status: "completed", captures: [{ amount: { amount: 4200 } }] });
    await hooks.waitFor(reference, 2);
    const refunded = await act(reference, { action: "refund", amount: 1200 });
    expect(refunded.body).toMatchObject({ type: "cc_credit", amount: { amount: 1200 } });
    expect(typesOf(await hooks.waitFor(reference, 3))).toEqual(["auth", "capture", "credit"]);
    expect(await harness.client.transaction(reference)).toMatchObject({ refunded_amount: { amount: 1200 } });

    const voided = await paid();
    await hooks.waitFor(voided, 1);
    expect((await harness.client.dashboard(voided, { action: "void" })).status).toBe("cancelled");
    expect(typesOf(await hooks.waitFor(voided, 2))).toEqual(["auth", "void"]);
  });

  it("approves and rejects payments held for review", async () => {
    const hooks = await receiver();
    const approved = await paid({ cart: { total_amount: REVIEW_TOTAL, items: [] } });
    await hooks.waitFor(approved, 1);
    expect(await harness.client.dashboard(approved, { action: "approve" })).toMatchObject({ status: "authorized" });
    expect(typesOf(await hooks.waitFor(approved, 2))).toEqual(["pending", "auth"]);

    const rejected = await paid({ cart: { total_amount: REVIEW_TOTAL, items: [] } });
    await hooks.waitFor(rejected, 1);
    expect(await harness.client.dashboard(rejected, { action: "reject" })).toMatchObject({
      status: "rejected_irreversible",
    });
    expect(typesOf(await hooks.waitFor(rejected, 2))).toEqual(["pending", "rejected_irreversible"]);
  });

  it("rejects reversibly: the payment may still be approved, or rejected for good", async () => {
    const hooks = await receiver();
    const reference = await paid({ cart: { total_amount: REVIEW_TOTAL, items: [] } });
    await hooks.waitFor(reference, 1);
    expect(await harness.client.dashboard(reference, { action: "reject", reversible: true })).toMatchObject({
      status: "rejected_reversible",
      risk_review_status: "needs_review",
    });
    await hooks.waitFor(reference, 2);
    expect((await act(reference, { action: "capture", amount: 100 })).status).toBe(422);
    expect(await harness.client.dashboard(reference, { action: "approve" })).toMatchObject({ status: "authorized" });
    expect(typesOf(await hooks.waitFor(reference, 3))).toEqual(["pending", "rejected_reversible", "auth"]);
  });

  it("refuses what the API refuses with a 422 that says why, and changes nothing", async () => {
    const reference = await paid();
    await harness.client.dashboard(reference, { action: "capture", amount: 100 });
    const refused = await act(reference, { action: "void" });
    expect(refused.status).toBe(422);
    expect(refused.body).toEqual({ error: "refused", message: expect.stringContaining("refund it instead") });
    const tooMuch = await act(reference, { action: "refund", amount: 101 });
    expect(tooMuch.status).toBe(422);
    expect(await harness.client.transaction(reference)).toMatchObject({
      status: "completed",
      refunded_amount: { amount: 0 },
    });
  });

  it("answers 404 for an unknown payment and 400 for an unknown action", async () => {
    expect((await act("NOPENOPENOPE", { action: "void" })).status).toBe(404);
    const reference = await paid();
    for (const body of [{ action: "refund" }, { action: "chargeback" }, { action: "capture", amount: -1 }]) {
      expect((await act(reference, body)).status, JSON.stringify(body)).toBe(400);
    }
  });
});
