import "server-only";
import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite, type PgliteDatabase } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { Pool } from "pg";
import { withPreparedStatements } from "./pglite-statements";
import * as schema from "./schema";
import { errorFields, log } from "@/lib/log/logger";

type Schema = typeof schema;

/** Either driver: one set of queries for both. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseHandle = (
  { kind: "pglite"; driver: PgliteDatabase<Schema> } | { kind: "postgres"; driver: NodePgDatabase<Schema> }
) & {
  db: Database;
  close(): Promise<void>;
};

export type DatabaseOptions = {
  url?: string;
  /** Or `memory://` for a database that lives as long as the process. */
  dataDir: string;
};

const MEMORY = "memory://";

/** A server that does not answer should fail a request in seconds, not hang it. */
const CONNECT_TIMEOUT_MS = 5_000;

/** Nothing is migrated or checked here. */
export async function openDatabase({ url, dataDir }: DatabaseOptions): Promise<DatabaseHandle> {
  if (url === undefined) {
    // PGlite makes the data directory itself, but not its parents (`.data/` in a fresh clone).
    if (dataDir !== MEMORY) await mkdir(dataDir, { recursive: true });
    return pgliteHandle(await PGlite.create({ dataDir }));
  }
  if (!/^postgres(ql)?:\/\//.test(url)) throw new TypeError("The database URL must start with postgres://");
  const pool = new Pool({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A connection dropped while idle (a server restart, a failover) is replaced on the next query;
  // without a listener the pool's "error" event would end the process.
  pool.on("error", (error) => log.warn("ledger: a database connection was lost while idle", errorFields(error)));
  const driver = drizzlePostgres({ client: pool, schema });
  return { kind: "postgres", driver, db: driver, close: () => pool.end() };
}

/** An open PGlite as the ledger uses it: its statements prepared once (./pglite-statements). */
export function pgliteHandle(client: PGlite): DatabaseHandle {
  const driver = drizzlePglite({ client: withPreparedStatements(client), schema });
  return { kind: "pglite", driver, db: driver, close: () => client.close() };
}
