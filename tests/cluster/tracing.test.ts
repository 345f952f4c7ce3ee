import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stopProcess } from "@/scripts/processes.mjs";
import { startOtlpReceiver } from "@/tests/support/otlp-receiver.mjs";
import { bolt } from "../integration/helpers";
import { closeBrowser, newShopper, placeOrder, signInBrowser } from "./browser";
import { startStorefront, type Storefront } from "./storefront";

// A storefront exporting its traces to a collector (here a receiver on loopback): placing an order is
// one trace, from Next's request span down to the authorize call, which carries Bolt's own trace id.

const AUTHORIZE = "/v1/merchant/transactions/authorize";
const LOG = ".test-run/cluster-tracing.log";

let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
let storefront: Storefront;
let dataDir: string;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  dataDir = mkdtempSync(join(tmpdir(), "storefront-pglite-"));
  storefront = await startStorefront(
    { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: "storefront-under-test", PGLITE_DATA_DIR: dataDir },
    LOG,
  );
});

afterAll(async () => {
  await closeBrowser();
  await stopProcess(storefront?.child);
  await receiver?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("tracing exported over OTLP/HTTP", () => {
  it("holds a placed order in one trace: the request, the ledger and Bolt's authorize with its trace id", async () => {
    const shopper = await bolt.signedInShopper();
    await bolt.saveTestCard(shopper.tokens.access_token);
    const { context, page } = await newShopper(storefront.url);
    try {
      await signInBrowser(context, storefront.url, await bolt.loginCode(shopper.email));
      await page.goto(`${storefront.url}/checkout`);
      expect(await placeOrder(page)).toMatchObject({ placed: true });
    } finally {
      await context.close();
    }
    const [sent] = await bolt.requests({ email: shopper.email, path: AUTHORIZE });
    expect(sent?.traceId).toMatch(/\S/);

    // Batched: the exporter sends within a few seconds.
    await expect
      .poll(() => receiver.spans.find((span) => span.attributes["bolt.trace_id"] === sent?.traceId), {
        timeout: 15_000,
      })
      .toBeDefined();
    const authorize = receiver.spans.find((span) => span.attributes["bolt.trace_id"] === sent?.traceId)!;
    expect(authorize).toMatchObject({
      name: "bolt authorizeSavedCard",
      service: "storefront-under-test",
      attributes: expect.objectContaining({
        "bolt.operation": "authorizeSavedCard",
        "http.request.method": "POST",
        "url.path": AUTHORIZE,
        "http.response.status_code": 200,
      }),
    });

    await expect
      .poll(() => receiver.spans.filter((span) => span.traceId === authorize.traceId).map((span) => span.name), {
        timeout: 15_000,
      })
      .toEqual(expect.arrayContaining(["POST /checkout", "ledger record the order", "ledger record Bolt's answer"]));
    const trace = receiver.spans.filter((span) => span.traceId === authorize.traceId);
    const byId = new Map(trace.map((span) => [span.spanId, span]));
    // Every span of the trace hangs from one root, the request Next served; the call sits under its action.
    expect(trace.filter((span) => !span.parentSpanId || !byId.has(span.parentSpanId))).toHaveLength(1);
    const ancestors: string[] = [];
    for (let span = byId.get(authorize.parentSpanId ?? ""); span; span = byId.get(span.parentSpanId ?? "")) {
      ancestors.push(span.name);
    }
    expect(ancestors).toEqual(["POST /checkout", "POST"]);

    // The storefront's log line for that call names the same trace.
    const lines = readFileSync(LOG, "utf8")
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((line) => line.boltTraceId === sent?.traceId)).toMatchObject({
      type: "bolt",
      operation: "authorizeSavedCard",
      trace_id: authorize.traceId,
      span_id: authorize.spanId,
    });
  }, 90_000);
});
