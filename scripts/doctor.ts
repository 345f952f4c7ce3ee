// `npm run doctor`: checks the storefront's environment against the Bolt it points at and prints
// each fix. Reads the same `.env` files and variables as the app (`--production` reads them as
// `next start` does and applies production's rules). Exits 1 when any check fails.
import nextEnv from "@next/env";
import { runChecks } from "./doctor/checks";
import { allPassed, formatReport } from "./doctor/report";

const production = process.argv.includes("--production") || process.env.NODE_ENV === "production";
// Without --production, the rules of `next dev`: an unset NODE_ENV would otherwise count as production.
Object.assign(process.env, { NODE_ENV: production ? "production" : "development" });
nextEnv.loadEnvConfig(process.cwd(), !production, { info: () => {}, error: console.error });

const results = await runChecks(process.env);
console.info(formatReport(results));
process.exit(allPassed(results) ? 0 : 1);
