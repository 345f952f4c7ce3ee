import { describe, expect, it } from "vitest";
import { STOREFRONT } from "./helpers";
import { TEST_TUNING } from "@/tests/support/test-env.mjs";

// `POST /api/csp-report` on the running storefront: anyone can post there, so it must stay cheap and
// quiet under abuse. The test storefront allows rateLimits.cspReports (200 a minute) in total.

const ENDPOINT = `${STOREFRONT}/api/csp-report`;
const BUDGET = Number(TEST_TUNING.rateLimits.cspReports.split("/")[0]);

const report = (blocked = "inline") =>
  JSON.stringify({
    "csp-report": {
      "document-uri": `${STOREFRONT}/checkout`,
      "effective-directive": "style-src-attr",
      "blocked-uri": blocked,
      disposition: "report",
    },
  });

const post = (body: BodyInit, type = "application/csp-report", headers: Record<string, string> = {}) =>
  fetch(ENDPOINT, { method: "POST", headers: { "Content-Type": type, ...headers }, body });

describe("the CSP report endpoint", () => {
  it("refuses an oversized body with 413 JSON, declared or streamed, and stays up", async () => {
    const declared = await post(report("x".repeat(100 * 1024)));
    expect(declared.status).toBe(413);
    await expect(declared.json()).resolves.toEqual({ error: "payload_too_large", message: expect.any(String) });
    const streamed = await fetch(ENDPOINT, {
      method: "POST",
      headers: { "Content-Type": "application/reports+json" },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 64; i++) controller.enqueue(new TextEncoder().encode(" ".repeat(1024)));
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await post(report())).status).toBe(204);
  });

  it("refuses other content types, methods and malformed reports with JSON, never a 5xx", async () => {
    expect((await post(report(), "application/json")).status).toBe(415);
    expect((await post("{", "application/csp-report")).status).toBe(400);
    expect((await post("[1,2,3]", "application/reports+json")).status).toBe(400);
    const get = await fetch(ENDPOINT);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect(get.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it("takes a flood up to its budget, then answers 429 with Retry-After, quickly and without a 5xx", async () => {
    const started = Date.now();
    const statuses: number[] = [];
    const retryAfter: string[] = [];
    const total = BUDGET + 100;
    for (let sent = 0; sent < total; sent += 25) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(25, total - sent) }, (_, i) => post(report(`https://flood-${sent + i}.example`))),
      );
      for (const response of batch) {
        statuses.push(response.status);
        if (response.status === 429) retryAfter.push(response.headers.get("retry-after") ?? "");
        await response.body?.cancel();
      }
    }
    const accepted = statuses.filter((status) => status === 204).length;
    console.info(`${total} reports in ${Date.now() - started} ms: ${accepted} accepted, ${retryAfter.length} refused`);
    expect(statuses.every((status) => status === 204 || status === 429)).toBe(true);
    // Two reports were accepted by the tests above, within the same minute's budget.
    expect(accepted).toBeLessThanOrEqual(BUDGET);
    expect(retryAfter.length).toBeGreaterThanOrEqual(100);
    expect(retryAfter.every((seconds) => Number(seconds) > 0 && Number(seconds) <= 60)).toBe(true);
    expect((await post(report())).status).toBe(429);
  });
});
