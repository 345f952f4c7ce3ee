import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { readFile, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Client } from "pg";
import { inject } from "vitest";
import { openDatabase, pgliteHandle, type DatabaseHandle } from "../client";
import { MIGRATIONS_FOLDER, migrateDatabase } from "../migrate";

const KINDS = ["PGlite", "Postgres"] as const;
export type TestDatabaseKind = (typeof KINDS)[number];

/**
 * The databases each ledger test runs on: both, unless `TEST_DATABASES` names fewer (comma-separated;
 * `npm run mutation` runs PGlite only).
 */
export const TEST_DATABASES: readonly TestDatabaseKind[] = process.env.TEST_DATABASES
  ? KINDS.filter((kind) => process.env.TEST_DATABASES?.split(",").includes(kind))
  : KINDS;

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
  if (kind === "PGlite")
    return pgliteHandle(await PGlite.create({ dataDir: "memory://", loadDataDir: await migratedPglite() }));
  const handle = await openDatabase({ url: await createPostgresDatabase(), dataDir: "memory://" });
  await migrateDatabase(handle);
  return handle;
}

/**
 * An empty PGlite with the ledger's schema, made once for these migrations and this PGlite (kept in
 * the OS's temporary folder) and copied for each test database: a copy opens in a fraction of the
 * time initdb and the migrations take, which every database test, and each mutant of
 * `npm run mutation`, would otherwise pay again.
 */
async function migratedPglite(): Promise<Blob> {
  const file = join(tmpdir(), `storefront-test-pglite-${templateVersion()}.tar`);
  const kept = await readFile(file).catch(() => undefined);
  if (kept) return new Blob([kept]);
  const client = await PGlite.create({ dataDir: "memory://" });
  try {
    await migrateDatabase(pgliteHandle(client));
    const dump = await client.dumpDataDir("none");
    // Written aside, then renamed: processes making it at once never read half a file.
    const partial = `${file}.${randomBytes(6).toString("hex")}`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    return dump;
  } finally {
    await client.close();
  }
}

/** A digest of every migration file and of PGlite's version: a change to either makes a new template. */
function templateVersion(): string {
  const hash = createHash("sha256");
  const pglite = join(process.cwd(), "node_modules", "@electric-sql", "pglite", "package.json");
  hash.update(JSON.parse(readFileSync(pglite, "utf8")).version);
  const files = readdirSync(MIGRATIONS_FOLDER, { encoding: "utf8", recursive: true })
    .filter((name) => statSync(join(MIGRATIONS_FOLDER, name)).isFile())
    .sort();
  for (const name of files) hash.update(name).update(readFileSync(join(MIGRATIONS_FOLDER, name)));
  return hash.digest("hex").slice(0, 16);
}
