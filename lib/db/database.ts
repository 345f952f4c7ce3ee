import "server-only";
import { getEnv } from "@/lib/env";
import { openDatabase, type Database, type DatabaseHandle } from "./client";
import { ensureSchema } from "./migrate";

// On globalThis, not in a module variable: Next loads this module once per bundle (instrumentation,
// each route), and two PGlite instances on one data directory would corrupt it.
const HANDLE = Symbol.for("storefront.database");
type Holder = { [HANDLE]?: Promise<DatabaseHandle> };
const holder = globalThis as Holder;

/** The process's database, opened (and, embedded, migrated) on first use. A failed open is retried by the next call. */
export async function getDatabase(): Promise<Database> {
  holder[HANDLE] ??= open().catch((error: unknown) => {
    delete holder[HANDLE];
    throw error;
  });
  return (await holder[HANDLE]).db;
}

/** For a graceful shutdown: waits for an open in progress, then closes. */
export async function closeDatabase(): Promise<void> {
  const opening = holder[HANDLE];
  delete holder[HANDLE];
  await (await opening?.catch(() => undefined))?.close();
}

async function open(): Promise<DatabaseHandle> {
  const { databaseUrl, pgliteDataDir } = getEnv();
  const handle = await openDatabase({ url: databaseUrl, dataDir: pgliteDataDir });
  try {
    await ensureSchema(handle);
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
  return handle;
}
