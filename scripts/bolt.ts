// `npm run bolt -- webhooks register|list|delete <id>`: sets up Bolt for this store through Bolt's
// API, with the same `.env` files and variables as the app (`--production` reads them as `next start`
// does). Exits 1 when the command failed.
import nextEnv from "@next/env";
import { BoltError } from "@/lib/bolt";
import { EnvError } from "@/lib/env";
import { deleteCommand, listCommand, registerCommand, type CommandResult } from "./bolt/webhooks";

const args = process.argv.slice(2).filter((arg) => arg !== "--production");
const production = process.argv.includes("--production") || process.env.NODE_ENV === "production";
Object.assign(process.env, { NODE_ENV: production ? "production" : "development" });
nextEnv.loadEnvConfig(process.cwd(), !production, { info: () => {}, error: console.error });

const USAGE = [
  "Usage: npm run bolt -- webhooks <command>",
  "  register      registers APP_ORIGIN/api/bolt/webhooks with Bolt, for every event",
  "  list          shows the webhooks registered for the division",
  "  delete <id>   removes one",
];

async function run(): Promise<CommandResult> {
  const [area, command, id] = args;
  if (area !== "webhooks") return { ok: false, lines: USAGE };
  if (command === "register") return registerCommand();
  if (command === "list") return listCommand();
  if (command === "delete") return deleteCommand(id);
  return { ok: false, lines: USAGE };
}

let result: CommandResult;
try {
  result = await run();
} catch (error) {
  if (!(error instanceof EnvError || error instanceof BoltError)) throw error;
  result = { ok: false, lines: [error.message, ...(error instanceof BoltError && error.detail ? [error.detail] : [])] };
}
(result.ok ? console.info : console.error)(result.lines.join("\n"));
process.exit(result.ok ? 0 : 1);
