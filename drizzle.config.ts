import { defineConfig } from "drizzle-kit";

// `npx drizzle-kit generate --name <what-changed>` after editing the schema; the SQL is committed and
// applied by lib/db/migrate.ts (automatically for the embedded database, `npm run db:migrate` for a server).
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema.ts",
  out: "./lib/db/migrations",
});
