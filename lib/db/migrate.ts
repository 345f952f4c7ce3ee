import "server-only";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { migrate as migrateNodePostgres } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import * as z from "zod";
import type { Database, DatabaseHandle } from "./client";
import { guarded, SchemaBehindError } from "./errors";

/** Read at run time from the project's root (`next start` and `npm run db:migrate` both run there). */
export const MIGRATIONS_FOLDER = join(process.cwd(), "lib", "db", "migrations");

export type SchemaState = { current: true } | { current: false; pending: string[] };

/** In one transaction. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  await guarded("apply its migrations", () =>
    handle.kind === "pglite" ? migratePglite(handle.driver, config) : migrateNodePostgres(handle.driver, config),
  );
}

const Journal = z.object({ entries: z.array(z.object({ tag: z.string(), when: z.number() })) });
/** Both drivers answer a raw query with `{ rows }`; the common type of the two only knows it as `unknown`. */
const rowsOf = <T extends z.ZodType>(row: T) =>
  z.object({ rows: z.tuple([row]) }).transform((result) => result.rows[0]);
const Present = rowsOf(z.object({ present: z.boolean() }));
const LastApplied = rowsOf(z.object({ created_at: z.union([z.string(), z.number(), z.bigint()]).nullable() }));

export async function checkSchema(db: Database): Promise<SchemaState> {
  return guarded("read its schema version", () => readSchemaState(db));
}

async function readSchemaState(db: Database): Promise<SchemaState> {
  const journal = Journal.parse(JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")));
  const table = await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  let lastApplied = -Infinity;
  if (Present.parse(table).present) {
    const applied = await db.execute(sql`select max(created_at) as created_at from drizzle.__drizzle_migrations`);
    const value = LastApplied.parse(applied).created_at;
    if (value !== null) lastApplied = Number(value);
  }
  // Drizzle's own rule: a migration is applied when it is newer than the last one applied.
  const pending = journal.entries.filter((entry) => entry.when > lastApplied).map((entry) => entry.tag);
  return pending.length === 0 ? { current: true } : { current: false, pending };
}

/**
 * The embedded database is migrated on the spot; a server may be shared with instances still running
 * the previous release, so its migrations wait for `npm run db:migrate`.
 */
export async function ensureSchema(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === "pglite") return migrateDatabase(handle);
  const state = await checkSchema(handle.db);
  if (!state.current) throw new SchemaBehindError(state.pending);
}
