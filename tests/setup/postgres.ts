import type { TestProject } from "vitest/node";
import { startPostgres } from "../support/postgres-server.mjs";

// One throwaway Postgres for the whole run of the database tests; each test file makes its own
// database in it (lib/db/testing/test-databases.ts).

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startPostgres();
  project.provide("postgresUrl", server.url);
  return () => server.stop();
}
