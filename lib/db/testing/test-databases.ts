import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { inject } from "vitest";
import { openDatabase, type DatabaseHandle } from "../client";
import { migrateDatabase } from "../migrate";

export const TEST_DATABASES = ["PGlite", "Postgres"] as const;
export type TestDatabaseKind = (typeof TEST_DATABASES)[number];

/**
 * A new, empty database on the run's Postgres server (tests/setup/postgres.ts), so that each test
 * file starts from nothing and files can run side by side. Returns its URL.
 */
export async function createPostgresDatabase(): Promise<string> {
  const serverUrl = inject("postgresUrl");
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A migrated database of `kind`, fresh for the caller: PGlite in memory, or a new database on the server. */
export async function openTestDatabase(kind: TestDatabaseKind): Promise<DatabaseHandle> {
  const handle =
    kind === "PGlite"
      ? await openDatabase({ dataDir: "memory://" })
      : await openDatabase({ url: await createPostgresDatabase(), dataDir: "memory://" });
  await migrateDatabase(handle);
  return handle;
}
