import { afterEach, describe, expect, it, vi } from "vitest";
import { TEST_DATABASES } from "@/lib/db/testing/test-databases";
import { createPendingOrder, putPaymentRequest } from "@/lib/ledger";
import { orderInput, useTestDatabase } from "@/lib/ledger/testing/orders";
import { captureLog } from "@/lib/log/testing/capture";

// Retiring a SESSION_PASSWORD id while it still seals open orders' payment requests leaves those orders
// unable to be sent again: the storefront says so when it starts, naming the id and until when to keep it.

const OLD = "old-password-0123456789abcdefghijklmnop";
const NEW = "new-password-0123456789abcdefghijklmnop";

async function withPasswords(passwords: Record<string, string>) {
  vi.resetModules();
  vi.stubEnv("SESSION_PASSWORD", JSON.stringify(passwords));
  return { ...(await import("@/lib/session/at-rest")), ...(await import("./retired-passwords")) };
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe.each(TEST_DATABASES)("a retired session password on %s", (kind) => {
  const db = useTestDatabase(kind);

  async function keptUnder(passwords: Record<string, string>) {
    const { sealAtRest } = await withPasswords(passwords);
    const { order } = await createPendingOrder(db(), orderInput());
    await putPaymentRequest(db(), order.id, sealAtRest("checkout-attempt", { order: order.id }, 60_000));
  }

  it("is named at start while it seals open orders' requests, with when it may go", async () => {
    await keptUnder({ 1: OLD });
    await keptUnder({ 1: OLD });
    await keptUnder({ 1: OLD, 2: NEW });
    const { warnOfRetiredPasswords } = await withPasswords({ 2: NEW });
    const logged = captureLog();
    const retired = await warnOfRetiredPasswords(db());
    expect(retired).toEqual([{ sealingId: "1", requests: 2, keptUntil: expect.any(Date) }]);
    expect(logged.lines()).toEqual([
      expect.objectContaining({
        level: "error",
        msg: expect.stringMatching(/^SESSION_PASSWORD has no id 1, .* 2 open order\(s\): put it back until /),
        passwordId: "1",
        requests: 2,
      }),
    ]);
    expect(logged.text()).not.toContain(OLD);
  });

  it("says nothing while every id that sealed a kept request is still set", async () => {
    const { warnOfRetiredPasswords } = await withPasswords({ 1: OLD, 2: NEW });
    const logged = captureLog();
    await expect(warnOfRetiredPasswords(db())).resolves.toEqual([]);
    expect(logged.lines()).toEqual([]);
  });
});
