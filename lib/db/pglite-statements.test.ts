import { PGlite, types } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_STATEMENTS, TransactionClosedError, withPreparedStatements } from "./pglite-statements";

// The prepared client against PGlite's own query(), on one embedded database in memory.

let pg: PGlite;
let client: PGlite;

beforeAll(async () => {
  pg = await PGlite.create({ dataDir: "memory://" });
  await pg.exec(`create table items (id integer primary key, name text not null, tags jsonb, at timestamptz,
    paid boolean default false)`);
  client = withPreparedStatements(pg);
});
afterAll(() => pg.close());

const prepared = async () =>
  (
    await pg.query<{ statement: string }>("select statement from pg_prepared_statements order by prepare_time")
  ).rows.map((row) => row.statement);

describe("withPreparedStatements", () => {
  it("answers as PGlite's own query does, in both row modes, with each type parsed", async () => {
    const insert = "insert into items (id, name, tags, at) values ($1, $2, $3, $4), ($5, $6, null, null)";
    const values = (first: number) => [
      first,
      "mug",
      { color: "blue" },
      new Date("2026-12-06T10:00:00Z"),
      first + 1,
      "tee",
    ];
    const inserted = await client.query(insert, values(1));
    expect(inserted).toEqual(await pg.query(insert, values(3)));
    expect(inserted).toMatchObject({ rows: [], affectedRows: 2 });

    const select = "select id, name, tags, at, paid from items where id = any($1) order by id";
    for (const options of [undefined, { rowMode: "array" as const }, { parsers: { [types.TIMESTAMPTZ]: String } }]) {
      const mine = await client.query(select, [[1, 2, 3]], options);
      expect(mine).toEqual(await pg.query(select, [[1, 2, 3]], options));
      expect(mine.rows).toHaveLength(3);
    }
    expect((await client.query("update items set paid = true where id = $1", [2])).affectedRows).toBe(1);
    expect((await client.query<{ paid: boolean }>("select paid from items where id = $1", [2])).rows).toEqual([
      { paid: true },
    ]);
  });

  it("parses a statement once, however often it runs", async () => {
    const text = "select name from items where id = $1 and name <> $2";
    for (let run = 0; run < 3; run++) await client.query(text, [1, "x"]);

    expect((await prepared()).filter((statement) => statement === text)).toHaveLength(1);
  });

  it(`keeps at most ${MAX_STATEMENTS} statements, closing the least recently used, which still runs after`, async () => {
    const first = "select 'first' as kept where $1::int = 1";
    await client.query(first, [1]);
    for (let n = 0; n < MAX_STATEMENTS; n++) await client.query(`select ${n} as n where $1::int = 1`, [1]);

    const kept = await prepared();
    expect(kept).toHaveLength(MAX_STATEMENTS);
    expect(kept).not.toContain(first);
    expect((await client.query(first, [1])).rows).toEqual([{ kept: "first" }]);
  });

  it("rejects a statement the database refuses, keeps nothing of it, and goes on answering", async () => {
    await expect(client.query("selec name from items", [])).rejects.toMatchObject({ code: "42601" });
    await expect(client.query("select name from items where id = $1", ["one"])).rejects.toMatchObject({
      code: "22P02",
    });
    await expect(client.query("insert into items (id, name) values ($1, $2)", [1, "again"])).rejects.toMatchObject({
      code: "23505",
    });

    expect(await prepared()).not.toContain("selec name from items");
    expect((await client.query("select name from items where id = $1", [1])).rows).toEqual([{ name: "mug" }]);
  });

  it("keeps a transaction's work whole: rolled back on a throw, and unseen by a query outside until it ends", async () => {
    const seen: string[] = [];
    const rolledBack = client.transaction(async (tx) => {
      await tx.query("insert into items (id, name) values ($1, $2)", [10, "inside"]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      seen.push("transaction ends");
      throw new Error("changed my mind");
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    await client.query("insert into items (id, name) values ($1, $2)", [11, "outside"]);
    seen.push("outside query ran");

    await expect(rolledBack).rejects.toThrow("changed my mind");
    expect(seen).toEqual(["transaction ends", "outside query ran"]);
    const names = await client.query<{ name: string }>("select name from items where id >= $1 order by id", [10]);
    expect(names.rows).toEqual([{ name: "outside" }]);
  });

  it("commits a transaction's queries, and refuses one made after it ended", async () => {
    let leaked: Parameters<Parameters<PGlite["transaction"]>[0]>[0] | undefined;
    await client.transaction(async (tx) => {
      leaked = tx;
      await Promise.all([
        tx.query("insert into items (id, name) values ($1, $2)", [20, "a"]),
        tx.query("insert into items (id, name) values ($1, $2)", [21, "b"]),
      ]);
    });

    expect((await client.query("select id from items where id in ($1, $2)", [20, 21])).rows).toHaveLength(2);
    await expect(leaked!.query("select 1 where $1::int = 1", [1])).rejects.toBeInstanceOf(TransactionClosedError);
  });
});
