import "server-only";
import { sql } from "drizzle-orm";
import { getDatabase } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { getKv } from "@/lib/kv";
import { log } from "@/lib/log/logger";
import { isClosing } from "./requests";

/** What can keep an instance from taking orders; `server`: it is stopping. */
export type Part = "database" | "redis" | "server";

export type Readiness = { ready: true } | { ready: false; failing: Part[] };

/** Under a health check's own timeout (the Dockerfile's: 3 s). Redis has its own, `redisTimeoutMs`. */
export const DATABASE_TIMEOUT_MS = 2_000;

export async function checkReadiness(): Promise<Readiness> {
  if (isClosing()) return { ready: false, failing: ["server"] };
  const checks: Array<[Part, Promise<unknown>]> = [["database", withTimeout(pingDatabase(), DATABASE_TIMEOUT_MS)]];
  if (getEnv().redisUrl) checks.push(["redis", getKv().get("readiness")]);
  const results = await Promise.allSettled(checks.map(([, check]) => check));
  const failing = checks.filter((_, i) => results[i]?.status === "rejected").map(([part]) => part);
  reportChange(failing);
  return failing.length === 0 ? { ready: true } : { ready: false, failing };
}

async function pingDatabase(): Promise<void> {
  await (await getDatabase()).execute(sql`select 1`);
}

function withTimeout(check: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("timed out")), ms)));
  return Promise.race([check, late]).finally(() => clearTimeout(timer));
}

let lastFailing = "";

/** A probe every few seconds: one line when the answer changes, not one per probe. */
function reportChange(failing: Part[]): void {
  const now = failing.join(",");
  if (now === lastFailing) return;
  if (now) log.warn("not ready", { failing: now });
  else log.info("ready again", { was: lastFailing });
  lastFailing = now;
}
