// Figure 8: the storefront's resident memory after 10× the requests, to catch a leak.
import { readdirSync, readFileSync } from "node:fs";
import { load } from "../load.mjs";
import { ADDRESS_MARKER, CART_COOKIE, signedInCookies } from "../shop.mjs";
import { budget, row } from "../stats.mjs";
import { REFERENCE_PATH } from "./throughput.mjs";

const CONNECTIONS = 32;
const SESSIONS = 8;

/** VmRSS summed over a process group (`next start` and anything it spawned), in MB. */
export function groupRssMb(pgid) {
  let kb = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      if (pgrp !== pgid) continue;
      kb += Number(readFileSync(`/proc/${entry}/status`, "utf8").match(/^VmRSS:\s+(\d+)/m)?.[1] ?? 0);
    } catch {
      // the process ended while we looked
    }
  }
  if (kb === 0) throw new Error(`no process in group ${pgid}`);
  return kb / 1024;
}

/** A shop's traffic: signed-in checkouts of several shoppers, and signed-out browsing. */
async function mix() {
  const requests = [];
  for (let i = 0; i < SESSIONS; i++) {
    const { cookie } = await signedInCookies();
    requests.push({ path: "/checkout", cookie, expect: ADDRESS_MARKER }, { path: i % 2 ? "/" : REFERENCE_PATH, cookie: CART_COOKIE });
  }
  return requests;
}

export async function memoryFigure({ plan, storefrontPid }) {
  const { reps, warmup, first, total } = plan.memory;
  const requests = await mix();
  const send = async (amount) => {
    const { errors } = await load({ requests, connections: CONNECTIONS, amount });
    if (errors > 0) throw new Error(`${errors} failed requests while measuring memory`);
  };
  await send(warmup);
  const atFirst = [];
  const atTotal = [];
  for (let rep = 0; rep < reps; rep++) {
    await send(first);
    atFirst.push(groupRssMb(storefrontPid));
    await send(total - first);
    atTotal.push(groupRssMb(storefrontPid));
  }
  return {
    id: "memory",
    title: `8. Storefront memory: RSS after ${total.toLocaleString("en-US")} requests vs after ${first.toLocaleString("en-US")}`,
    how:
      `After the other figures and a ${warmup.toLocaleString("en-US")}-request warm-up, autocannon (${CONNECTIONS} connections) ` +
      `sends a mix: signed-in /checkout for ${SESSIONS} shoppers (each with its GET /v1/account) alternating with ` +
      `signed-out / and ${REFERENCE_PATH}. RSS is VmRSS from /proc, summed over the next start process group, ` +
      `read after ${first.toLocaleString("en-US")} and after ${total.toLocaleString("en-US")} requests of each run ` +
      `(${reps} run(s), back to back on the same process).`,
    rows: [
      row({
        metric: `RSS after ${total.toLocaleString("en-US")} requests`,
        unit: "MB",
        values: atTotal,
        references: atFirst,
        referenceLabel: `RSS after ${first.toLocaleString("en-US")}`,
        budget: budget("growth < 10%: ratio < 1.10 (median)", "ratio", "median", "<", 1.1),
      }),
    ],
    notes: [],
  };
}
