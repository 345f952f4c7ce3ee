import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { captureLog } from "@/lib/log/testing/capture";

// `POST /api/csp-report` as the route calls it: what it answers, and the one line it logs per violation.

/** Fresh modules and a fresh shared store: the report budget is global, and each test spends some. */
async function load(env: Record<string, string> = {}) {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("bolt-storefront.kv")];
  vi.resetModules();
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return import("./csp-report");
}

let logged: ReturnType<typeof captureLog>;
beforeEach(() => {
  logged = captureLog();
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const PAGE = "https://shop.example.com/orders/4HYC-GXT8-RRC7?email=alice%40example.com";

/** What Firefox sends for `report-uri`. */
const legacy = (report: Record<string, unknown> = {}) =>
  JSON.stringify({
    "csp-report": {
      "document-uri": PAGE,
      referrer: "https://shop.example.com/checkout?step=2",
      "violated-directive": "style-src-elem",
      "effective-directive": "style-src-elem",
      "original-policy": "default-src 'self'; style-src 'self' 'nonce-abc'",
      disposition: "report",
      "blocked-uri": "inline",
      "source-file": "https://connect.bolt.com/embed.js",
      "script-sample": "alice@example.com 1 Test Street",
      "status-code": 200,
      ...report,
    },
  });

/** What Chromium sends for `report-to`. */
const batch = (count = 1, body: Record<string, unknown> = {}) =>
  JSON.stringify(
    Array.from({ length: count }, () => ({
      type: "csp-violation",
      age: 12,
      url: PAGE,
      user_agent: "Mozilla/5.0",
      body: {
        documentURL: PAGE,
        referrer: "",
        blockedURL: "https://evil.example/x.js?token=secret",
        effectiveDirective: "script-src-elem",
        originalPolicy: "script-src 'nonce-abc' 'strict-dynamic'",
        sourceFile: PAGE,
        sample: "alert(document.cookie)",
        disposition: "enforce",
        statusCode: 200,
        lineNumber: 1,
        columnNumber: 2,
        ...body,
      },
    })),
  );

function post(body: BodyInit, type = "application/csp-report", headers: Record<string, string> = {}) {
  return new Request("https://shop.example.com/api/csp-report", {
    method: "POST",
    headers: { "content-type": type, ...headers },
    body,
  });
}

const lines = () => logged.lines();

describe("receiveCspReport", () => {
  it("logs a report-uri report as one line of names and origins: no page URL, referrer or sample", async () => {
    const { receiveCspReport } = await load();
    const response = await receiveCspReport(post(legacy()));
    expect(response.status).toBe(204);
    expect(lines()).toEqual([
      {
        level: "warn",
        time: expect.any(String),
        msg: "csp_violation",
        type: "security",
        event: "csp_violation",
        directive: "style-src-elem",
        blocked: "inline",
        source: "https://connect.bolt.com",
        disposition: "report",
      },
    ]);
    for (const secret of ["orders", "4HYC", "alice", "Test Street", "checkout", "nonce-abc"]) {
      expect(logged.text()).not.toContain(secret);
    }
  });

  it("logs each violation of a Reporting API batch, with only the blocked script's origin", async () => {
    const { receiveCspReport } = await load();
    const response = await receiveCspReport(
      post(batch(1, { blockedURL: "https://evil.example/x.js?token=secret" }), "application/reports+json"),
    );
    expect(response.status).toBe(204);
    expect(lines()).toEqual([
      expect.objectContaining({
        event: "csp_violation",
        directive: "script-src-elem",
        blocked: "https://evil.example",
        source: "https://shop.example.com",
        disposition: "enforce",
      }),
    ]);
    expect(logged.text()).not.toMatch(/secret|x\.js|alert|cookie/);
  });

  it("skips other report types in a batch and caps the lines one request can log", async () => {
    const { receiveCspReport } = await load();
    const distinct = (JSON.parse(batch(20)) as Array<{ body: Record<string, unknown> }>).map((report, i) => ({
      ...report,
      body: { ...report.body, blockedURL: `https://cdn-${i}.example/a.js` },
    }));
    const mixed = JSON.stringify([{ type: "deprecation", body: { id: "x" } }, ...distinct]);
    expect((await receiveCspReport(post(mixed, "application/reports+json"))).status).toBe(204);
    expect(lines()).toHaveLength(10);
    expect(lines().every((line) => line.event === "csp_violation")).toBe(true);
  });

  it("logs identical violations once per 10 seconds, however many pages report them", async () => {
    const { receiveCspReport } = await load();
    for (let i = 0; i < 20; i++) await receiveCspReport(post(legacy()));
    expect(lines()).toHaveLength(1);
  });

  it.each([
    ["a CR/LF in the directive", { "effective-directive": 'script-src\r\n{"event":"admin"}' }, "script-src"],
    ["a directive that is no directive", { "effective-directive": "<script>" }, "other"],
    ["a blocked URI that is no URL", { "blocked-uri": "not a url\r\nforged" }, "style-src-elem"],
  ])("keeps %s to one honest line", async (_case, report, directive) => {
    const { receiveCspReport } = await load();
    await receiveCspReport(post(legacy(report)));
    expect(lines()).toEqual([expect.objectContaining({ directive })]);
    expect(lines()).toHaveLength(1);
    expect(logged.text().trimEnd()).not.toMatch(/[\r\n]|admin|forged/);
  });

  it.each([
    ["text/plain", "text/plain", legacy(), 415],
    ["application/json", "application/json", legacy(), 415],
    ["no content type", "", legacy(), 415],
    ["invalid JSON", "application/csp-report", "{", 400],
    ["JSON that is no report", "application/csp-report", JSON.stringify({ hello: "world" }), 400],
    ["a batch that is no array", "application/reports+json", JSON.stringify({ type: "csp-violation" }), 400],
    ["a batch of 101 reports", "application/reports+json", batch(101), 413],
    ["invalid UTF-8", "application/csp-report", new Uint8Array([0x7b, 0xff, 0x7d]), 400],
  ])("refuses %s without logging a violation", async (_case, type, body, status) => {
    const { receiveCspReport } = await load();
    const response = await receiveCspReport(post(body, type));
    expect(response.status).toBe(status);
    await expect(response.json()).resolves.toEqual({ error: expect.any(String), message: expect.any(String) });
    expect(lines().filter((line) => line.event === "csp_violation")).toEqual([]);
  });

  it("refuses a body over 16 KB, whatever Content-Length says, without buffering it", async () => {
    const { receiveCspReport } = await load();
    const huge = legacy({ "script-sample": "x".repeat(64 * 1024) });
    expect((await receiveCspReport(post(huge))).status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(8192).fill(0x20));
      },
    });
    const streamed = new Request("https://shop.example.com/api/csp-report", {
      method: "POST",
      headers: { "content-type": "application/csp-report" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect((await receiveCspReport(streamed)).status).toBe(413);
    expect(lines()).toEqual([]);
  });

  it("takes a flood up to the limit, then answers 429 with Retry-After and logs no more", async () => {
    const { receiveCspReport } = await load({
      STOREFRONT_TUNING: JSON.stringify({ rateLimits: { cspReports: "5/1m" } }),
    });
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) {
      const response = await receiveCspReport(post(legacy({ "blocked-uri": `https://flood-${i}.example` })));
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    expect(statuses.filter((status) => status === 204)).toHaveLength(5);
    expect(statuses.slice(5).every((status) => status === 429)).toBe(true);
    expect(lines().filter((line) => line.event === "csp_violation")).toHaveLength(5);
    // The refusals themselves are one line, not 45.
    expect(lines().filter((line) => line.event === "rate_limited")).toHaveLength(1);
  });

  it("limits each client apart when a trusted proxy names it", async () => {
    const { receiveCspReport } = await load({
      TRUSTED_IP_HEADER: "x-real-ip",
      STOREFRONT_TUNING: JSON.stringify({ rateLimits: { cspReportsPerIp: "2/1m" } }),
    });
    const from = (ip: string) => receiveCspReport(post(legacy(), "application/csp-report", { "x-real-ip": ip }));
    const noisy = `198.51.100.${Math.floor(Math.random() * 250)}`;
    expect([(await from(noisy)).status, (await from(noisy)).status, (await from(noisy)).status]).toEqual([
      204, 204, 429,
    ]);
    expect((await from("192.0.2.77")).status).toBe(204);
  });
});
