import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { migrate as migrateNodePostgres } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "./client";
import { SchemaBehindError } from "./errors";
import { checkSchema, ensureSchema, migrateDatabase, MIGRATIONS_FOLDER } from "./migrate";
import { createPostgresDatabase, TEST_DATABASES, type TestDatabaseKind } from "./testing/test-databases";

const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as {
  entries: { tag: string }[];
};
const tags = journal.entries.map((entry) => entry.tag);
const latest = tags.at(-1);

const scratch = mkdtempSync(join(tmpdir(), "ledger-migrations-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The migrations as the previous release shipped them: all but the newest. */
function previousRelease(): string {
  const folder = join(scratch, "previous");
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  writeFileSync(
    join(folder, "meta", "_journal.json"),
    JSON.stringify({ ...journal, entries: journal.entries.slice(0, -1) }),
  );
  return folder;
}

async function emptyDatabase(kind: TestDatabaseKind): Promise<DatabaseHandle> {
  return kind === "PGlite"
    ? openDatabase({ dataDir: "memory://" })
    : openDatabase({ url: await createPostgresDatabase(), dataDir: "memory://" });
}

async function tableNames(handle: DatabaseHandle): Promise<string[]> {
  const result = await handle.db.execute(
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  );
  return (result as unknown as { rows: { table_name: string }[] }).rows.map((row) => row.table_name);
}

describe.each(TEST_DATABASES)("migrations on %s", (kind) => {
  const open: DatabaseHandle[] = [];
  const fresh = async () => {
    const handle = await emptyDatabase(kind);
    open.push(handle);
    return handle;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((handle) => handle.close()));
  });

  it("builds the ledger's tables in an empty database, and reports the schema current", async () => {
    const handle = await fresh();
    expect(await checkSchema(handle.db)).toEqual({ current: false, pending: tags });

    await migrateDatabase(handle);

    expect(await tableNames(handle)).toEqual([
      "order_events",
      "orders",
      "payment_requests",
      "webhook_events_unmatched",
    ]);
    expect(await checkSchema(handle.db)).toEqual({ current: true });
  });

  it("applies nothing twice: migrating a current database changes nothing", async () => {
    const handle = await fresh();
    await migrateDatabase(handle);
    await migrateDatabase(handle);
    const applied = await handle.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect((applied as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(tags.length);
  });

  it("sees a database one migration behind, and catches it up", async () => {
    const handle = await fresh();
    const config = { migrationsFolder: previousRelease() };
    if (handle.kind === "pglite") await migratePglite(handle.driver, config);
    else await migrateNodePostgres(handle.driver, config);

    expect(await checkSchema(handle.db)).toEqual({ current: false, pending: [latest] });

    await migrateDatabase(handle);
    expect(await checkSchema(handle.db)).toEqual({ current: true });
  });

  it("keeps order events append-only: the database refuses to change or delete one", async () => {
    const handle = await fresh();
    await migrateDatabase(handle);
    await handle.db.execute(sql`insert into orders (id, status, currency, items_cents, shipping_cents, tax_cents,
      total_cents, lines, email, guest) values ('EVENTS000001', 'pending', 'USD', 0, 0, 0, 0, '[]', 'a@example.com', true)`);
    await handle.db.execute(
      sql`insert into order_events (order_id, type, source) values ('EVENTS000001', 'created', 'storefront')`,
    );

    await expect(handle.db.execute(sql`update order_events set type = 'forged'`)).rejects.toThrow();
    await expect(handle.db.execute(sql`delete from order_events`)).rejects.toThrow();
    const events = await handle.db.execute(sql`select type from order_events`);
    expect((events as unknown as { rows: unknown[] }).rows).toEqual([{ type: "created" }]);
  });
});

describe("ensureSchema", () => {
  it("migrates the embedded database by itself", async () => {
    const handle = await openDatabase({ dataDir: "memory://" });
    try {
      await ensureSchema(handle);
      expect(await checkSchema(handle.db)).toEqual({ current: true });
    } finally {
      await handle.close();
    }
  });

  it("refuses a server one migration behind, naming the command that fixes it, and changes nothing", async () => {
    const handle = await openDatabase({ url: await createPostgresDatabase(), dataDir: "memory://" });
    try {
      if (handle.kind !== "postgres") throw new Error("expected a server");
      await migrateNodePostgres(handle.driver, { migrationsFolder: previousRelease() });

      const failure = await ensureSchema(handle).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(SchemaBehindError);
      expect((failure as SchemaBehindError).message).toContain("npm run db:migrate");
      expect((failure as SchemaBehindError).pending).toEqual([latest]);
      expect(await checkSchema(handle.db)).toEqual({ current: false, pending: [latest] });
    } finally {
      await handle.close();
    }
  });

  it("keeps the embedded database's data in its directory across a restart", async () => {
    const dataDir = join(scratch, "nested", "pglite");
    const first = await openDatabase({ dataDir });
    await ensureSchema(first);
    await first.db.execute(sql`insert into orders (id, status, currency, items_cents, shipping_cents, tax_cents,
      total_cents, lines, email, guest) values ('KEPT00000001', 'pending', 'USD', 0, 0, 0, 0, '[]', 'a@example.com', true)`);
    await first.close();

    const second = await openDatabase({ dataDir });
    try {
      await ensureSchema(second);
      const rows = await second.db.execute(sql`select id from orders`);
      expect((rows as unknown as { rows: unknown[] }).rows).toEqual([{ id: "KEPT00000001" }]);
    } finally {
      await second.close();
    }
  });
});
