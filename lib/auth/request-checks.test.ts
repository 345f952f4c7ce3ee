import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  actionFromOwnPage,
  assertJsonContentType,
  assertSameOrigin,
  readJsonBody,
  RequestRejected,
} from "./request-checks";

function request(headers: Record<string, string>, body?: BodyInit, url = "http://localhost:3210/api/bolt/session") {
  return new Request(url, { method: "POST", headers, body, duplex: "half" } as RequestInit);
}

function rejection(run: () => unknown): { status: number; code: string } | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof RequestRejected) return { status: error.status, code: error.code };
    throw error;
  }
  return undefined;
}

describe("actionFromOwnPage (a server action's headers)", () => {
  const own = "http://localhost:3210";
  it.each<[string, Record<string, string>, string | undefined, boolean]>([
    ["APP_ORIGIN", { origin: own, host: "localhost:3210", "sec-fetch-site": "same-origin" }, own, true],
    ["the host it was sent to", { origin: "http://localhost:3211", host: "localhost:3211" }, own, true],
    ["no Origin, which Next lets through", { host: "localhost:3210" }, own, false],
    ["Origin: null", { origin: "null", host: "localhost:3210" }, own, false],
    ["another site", { origin: "https://evil.example", host: "localhost:3210" }, own, false],
    ["a cross-site fetch", { origin: own, host: "localhost:3210", "sec-fetch-site": "cross-site" }, own, false],
  ])("%s: %s", (_name, headers, appOrigin, allowed) => {
    expect(actionFromOwnPage(new Headers(headers), appOrigin)).toBe(allowed);
  });
});

describe("assertSameOrigin", () => {
  const own = "http://localhost:3210";
  it.each<[string, Record<string, string>, string | undefined, string | undefined]>([
    ["the exact APP_ORIGIN", { origin: own, "sec-fetch-site": "same-origin" }, own, undefined],
    ["the exact origin without Fetch Metadata (older browsers)", { origin: own }, own, undefined],
    [
      "the Host-derived origin when APP_ORIGIN is unset",
      { origin: "http://shop.test:8080", host: "shop.test:8080" },
      undefined,
      undefined,
    ],
    ["Sec-Fetch-Site: cross-site", { origin: own, "sec-fetch-site": "cross-site" }, own, "cross_site"],
    ["Sec-Fetch-Site: same-site", { origin: own, "sec-fetch-site": "same-site" }, own, "cross_site"],
    ["Sec-Fetch-Site: none", { origin: own, "sec-fetch-site": "none" }, own, "cross_site"],
    ["no Origin", {}, own, "origin_missing"],
    ["Origin: null", { origin: "null" }, own, "origin_missing"],
    ["another site", { origin: "https://evil.example" }, own, "origin_mismatch"],
    ["a look-alike suffix", { origin: "http://localhost:3210.evil.example" }, own, "origin_mismatch"],
    ["another port", { origin: "http://localhost:32100" }, own, "origin_mismatch"],
    ["another scheme", { origin: "https://localhost:3210" }, own, "origin_mismatch"],
    ["a trailing slash", { origin: `${own}/` }, own, "origin_mismatch"],
    [
      "a spoofed X-Forwarded-Host",
      { origin: "https://evil.example", "x-forwarded-host": "evil.example" },
      undefined,
      "origin_mismatch",
    ],
    [
      "an Origin matching a malformed Host",
      { origin: "http://evil.example", host: "evil.example/path" },
      undefined,
      "origin_mismatch",
    ],
  ])("%s → %s", (_name, headers, appOrigin, expected) => {
    const answer = rejection(() => assertSameOrigin(request({ host: "localhost:3210", ...headers }), appOrigin));
    expect(answer?.code).toBe(expected);
    if (answer) expect(answer.status).toBe(403);
  });
});

describe("assertJsonContentType", () => {
  it.each([
    ["application/json", undefined],
    ["application/json; charset=utf-8", undefined],
    ["Application/JSON", undefined],
    ["text/plain", "unsupported_media_type"],
    ["application/x-www-form-urlencoded", "unsupported_media_type"],
    ["multipart/form-data; boundary=x", "unsupported_media_type"],
    ["application/json-patch+json", "unsupported_media_type"],
    ["", "unsupported_media_type"],
  ])("%j → %s", (type, expected) => {
    expect(rejection(() => assertJsonContentType(request(type ? { "content-type": type } : {})))?.code).toBe(expected);
  });
});

describe("readJsonBody", () => {
  const read = (body: BodyInit | undefined, headers: Record<string, string> = {}) =>
    readJsonBody(request(headers, body), 4096);

  it("parses JSON up to the limit", async () => {
    await expect(read('{"code":"abc","scope":"openid"}')).resolves.toEqual({ code: "abc", scope: "openid" });
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    await expect(read("{}", { "content-length": "1000000" })).rejects.toMatchObject({ status: 413 });
  });

  it("refuses a streamed body that grows past the limit, whatever it declared", async () => {
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(1024).fill(32));
      },
    });
    await expect(read(stream)).rejects.toMatchObject({ status: 413, code: "payload_too_large" });
  });

  it.each([
    ["invalid JSON", "{code:"],
    ["an empty body", ""],
    ["invalid UTF-8", new Uint8Array([0x7b, 0xff, 0x7d])],
  ])("refuses %s with 400", async (_name, body) => {
    await expect(read(body)).rejects.toMatchObject({ status: 400, code: "invalid_json" });
  });

  it("keeps __proto__ as a plain key (no prototype pollution)", async () => {
    const value = (await read('{"__proto__":{"polluted":true}}')) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("either parses or refuses with a RequestRejected, for any bytes (1000 fast-check runs)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 5000 }),
          fc.jsonValue().map((value) => new TextEncoder().encode(JSON.stringify(value))),
        ),
        async (bytes) => {
          const outcome = await read(bytes).then(
            () => "parsed",
            (error: unknown) => (error instanceof RequestRejected ? "rejected" : "crashed"),
          );
          return outcome !== "crashed";
        },
      ),
      { numRuns: 1000 },
    );
  });
});
