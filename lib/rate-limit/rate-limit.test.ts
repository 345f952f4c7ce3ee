import { afterEach, describe, expect, it, vi } from "vitest";
import { clientIp } from "./index";
import { captureLog } from "@/lib/log/testing/capture";

async function load(env: Record<string, string>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return import("./index");
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("consume", () => {
  it("allows `max` events per window, then refuses with the seconds left, and logs the hit", async () => {
    const logged = captureLog();
    const limits = await load({ STOREFRONT_TUNING: JSON.stringify({ rateLimits: { signInPerIp: "3/1m" } }) });
    const client = `198.51.100.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 3; i++) await limits.consume("signInPerIp", `${client}-${process.pid}`, client);
    const refused = await limits.consume("signInPerIp", `${client}-${process.pid}`, client).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(limits.RateLimitedError);
    expect((refused as InstanceType<typeof limits.RateLimitedError>).retryAfterSeconds).toBeGreaterThan(55);
    expect((refused as InstanceType<typeof limits.RateLimitedError>).retryAfterSeconds).toBeLessThanOrEqual(60);
    const line = logged.lines().at(-1);
    expect(line).toMatchObject({ type: "security", event: "rate_limited", limit: "signInPerIp", client });
  });

  it("counts each subject apart", async () => {
    const limits = await load({ STOREFRONT_TUNING: JSON.stringify({ rateLimits: { placeOrderPerSession: "1/1m" } }) });
    await limits.consume("placeOrderPerSession", `session-a-${Math.random()}`);
    await expect(limits.consume("placeOrderPerSession", `session-b-${Math.random()}`)).resolves.toBeUndefined();
  });

  it("starts a new window once the old one ends", async () => {
    captureLog();
    const limits = await load({ STOREFRONT_TUNING: JSON.stringify({ rateLimits: { tokenExchanges: "1/1s" } }) });
    const subject = `all-${Math.random()}`;
    await limits.consume("tokenExchanges", subject);
    await expect(limits.consume("tokenExchanges", subject)).rejects.toBeInstanceOf(limits.RateLimitedError);
    await new Promise((resolve) => setTimeout(resolve, 1050));
    await expect(limits.consume("tokenExchanges", subject)).resolves.toBeUndefined();
  });

  it("answers 429 JSON with Retry-After", async () => {
    const limits = await load({});
    const response = limits.rateLimitedResponse(new limits.RateLimitedError("signInPerIp", 42), "Slow down.");
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("42");
    expect(response.headers.get("cache-control")).toBe("no-store");
    await expect(response.json()).resolves.toEqual({ error: "rate_limited", message: "Slow down." });
  });
});

const headersOf = (headers: Record<string, string>) => new Headers(headers);

describe("clientIp", () => {
  it("trusts no header unless the deployment names one", () => {
    expect(clientIp(headersOf({ "x-forwarded-for": "203.0.113.7" }), undefined)).toBeUndefined();
  });

  it.each([
    ["a plain IPv4", "203.0.113.7", "203.0.113.7"],
    ["the last entry of a list (the one our proxy added)", "198.51.100.1, 203.0.113.7", "203.0.113.7"],
    ["an IPv4 with a port", "203.0.113.7:51234", "203.0.113.7"],
    ["an IPv6, counted per /56", "2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3:800::/56"],
    ["a compressed IPv6 in brackets with a port", "[2001:db8::1]:443", "2001:db8:0:0::/56"],
    ["an IPv4-mapped IPv6", "::ffff:203.0.113.7", "203.0.113.7"],
  ])("reads %s", (_name, value, expected) => {
    expect(clientIp(headersOf({ "x-real-ip": value }), "x-real-ip")).toBe(expected);
  });

  it("puts two addresses of one IPv6 /64 in one bucket", () => {
    const a = clientIp(headersOf({ "x-real-ip": "2001:db8:1:2::a" }), "x-real-ip");
    const b = clientIp(headersOf({ "x-real-ip": "2001:0db8:0001:0002:ffff::b" }), "x-real-ip");
    expect(a).toBe(b);
  });

  it("puts every /64 of one customer's /56 in one bucket, and the next /56 in another", () => {
    const bucket = (address: string) => clientIp(headersOf({ "x-real-ip": address }), "x-real-ip");
    const first = bucket("2001:db8:1:200::1");
    for (const net of ["2001:db8:1:201::1", "2001:db8:1:2ff::9", "2001:db8:1:2a0:1:2:3:4"])
      expect(bucket(net)).toBe(first);
    expect(bucket("2001:db8:1:300::1")).not.toBe(first);
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["not an address", "1.2.3.4.5"],
    ["a host name", "example.com"],
  ])("gives nothing for a header that is %s", (_name, value) => {
    expect(clientIp(headersOf(value === undefined ? {} : { "x-real-ip": value }), "x-real-ip")).toBeUndefined();
  });
});
