// `npm run db:migrate`: applies the order ledger's migrations to the Postgres server in DATABASE_URL
// (read from the environment and the same `.env` files as the app). The embedded database (no
// DATABASE_URL) needs no command: it migrates itself when the storefront starts.
import nextEnv from "@next/env";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { checkSchema, migrateDatabase } from "@/lib/db/migrate";

nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production", { info: () => {}, error: console.error });

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: the embedded database migrates itself, so there is nothing to do.");
  process.exit(1);
}

let exitCode = 0;
let handle: DatabaseHandle | undefined;
try {
  handle = await openDatabase({ url, dataDir: "memory://" });
  const before = await checkSchema(handle.db);
  if (before.current) {
    console.info("The database schema is current: nothing to apply.");
  } else {
    await migrateDatabase(handle);
    console.info(`Applied ${before.pending.length} migration(s): ${before.pending.join(", ")}.`);
  }
} catch (error) {
  // The driver's message (e.g. "connect ECONNREFUSED 127.0.0.1:5432") is the useful part.
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}${cause}`);
  exitCode = 1;
} finally {
  await handle?.close();
}
process.exit(exitCode);
