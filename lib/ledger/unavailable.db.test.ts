import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { checkSchema, migrateDatabase } from "@/lib/db/migrate";
import { startPostgres } from "@/tests/support/postgres-server.mjs";
import { claimSend, recordAnswer } from "./answers";
import { LedgerUnavailableError } from "./errors";
import { createPendingOrder, latestCheckoutOrder } from "./orders";
import { orderInput } from "./testing/orders";

// A database that goes away mid-run: every call fails with one typed error, and says nothing of
// what it was asked to write.

describe("when the database server stops mid-run", () => {
  let server: Awaited<ReturnType<typeof startPostgres>> | undefined;
  let handle: DatabaseHandle | undefined;
  afterAll(async () => {
    await handle?.close();
    await server?.stop();
  });

  it("fails each call with LedgerUnavailableError, quickly and without the order's data", async () => {
    server = await startPostgres();
    handle = await openDatabase({ url: server.url, dataDir: "memory://" });
    await migrateDatabase(handle);
    const { order } = await createPendingOrder(handle.db, orderInput());

    await server.stop();

    const input = orderInput({ email: "private.person@example.com" });
    const started = Date.now();
    const failure = await createPendingOrder(handle.db, input).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LedgerUnavailableError);
    expect((failure as Error).message).not.toContain("private.person");
    expect((failure as Error).cause).toBeInstanceOf(Error);
    expect(String((failure as Error).cause)).not.toContain("private.person");

    const db = handle.db;
    await expect(
      latestCheckoutOrder(db, { checkoutIdHash: input.checkoutIdHash, shopper: { guestEmail: input.email } }),
    ).rejects.toBeInstanceOf(LedgerUnavailableError);
    await expect(recordAnswer(db, order.id, { kind: "declined", reason: "x" })).rejects.toBeInstanceOf(
      LedgerUnavailableError,
    );
    await expect(claimSend(db, order.id, 1000)).rejects.toBeInstanceOf(LedgerUnavailableError);
    await expect(checkSchema(db)).rejects.toBeInstanceOf(LedgerUnavailableError);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe("when the embedded database is closed", () => {
  it("fails with LedgerUnavailableError too", async () => {
    const handle = await openDatabase({ dataDir: "memory://" });
    await migrateDatabase(handle);
    await handle.close();
    await expect(createPendingOrder(handle.db, orderInput())).rejects.toBeInstanceOf(LedgerUnavailableError);
  });
});
