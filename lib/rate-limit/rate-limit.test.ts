import { afterEach, describe, expect, it, vi } from "vitest";

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
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const limits = await load({ STOREFRONT_TUNING: JSON.stringify({ rateLimits: { signInPerIp: "3/1m" } }) });
    const client = `198.51.100.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 3; i++) await limits.consume("signInPerIp", `${client}-${process.pid}`, client);
    const refused = await limits.consume("signInPerIp", `${client}-${process.pid}`, client).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(limits.RateLimitedError);
    expect((refused as InstanceType<typeof limits.RateLimitedError>).retryAfterSeconds).toBeGreaterThan(55);
    expect((refused as InstanceType<typeof limits.RateLimitedError>).retryAfterSeconds).toBeLessThanOrEqual(60);
    const line = JSON.parse(String(warn.mock.calls.at(-1)?.[0])) as Record<string, unknown>;
    expect(line).toMatchObject({ type: "security", event: "rate_limited", limit: "signInPerIp", client });
  });

  it("counts each subject apart", async () => {
    const limits = await load({ STOREFRONT_TUNING: JSON.stringify({ rateLimits: { placeOrderPerSession: "1/1m" } }) });
    await limits.consume("placeOrderPerSession", `session-a-${Math.random()}`);
    await expect(limits.consume("placeOrderPerSession", `session-b-${Math.random()}`)).resolves.toBeUndefined();
  });

  it("starts a new window once the old one ends", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
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
