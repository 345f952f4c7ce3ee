import { describe, expect, it } from "vitest";
import { MAX_RETRY_AFTER_MS, parseRetryAfter, retryDelayMs } from "./retry";

describe("parseRetryAfter", () => {
  const now = Date.UTC(2030, 0, 1, 12, 0, 0);
  it.each([
    ["delta-seconds", "2", 2000],
    ["zero", "0", 0],
    ["an HTTP date 3 s ahead", new Date(now + 3000).toUTCString(), 3000],
    ["an HTTP date in the past", new Date(now - 3000).toUTCString(), 0],
    ["nonsense", "soon", undefined],
    ["a negative number", "-1", undefined],
    ["absent", null, undefined],
  ])("reads %s", (_name, value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe("retryDelayMs", () => {
  it("backs off exponentially with at most 100 ms of jitter", () => {
    expect(retryDelayMs(0, undefined, () => 0)).toBe(200);
    expect(retryDelayMs(1, undefined, () => 0)).toBe(400);
    expect(retryDelayMs(1, undefined, () => 0.999)).toBe(499);
  });

  it("waits exactly as long as Retry-After asks, up to the cap", () => {
    expect(retryDelayMs(0, 1000)).toBe(1000);
    expect(retryDelayMs(0, MAX_RETRY_AFTER_MS)).toBe(MAX_RETRY_AFTER_MS);
  });

  it("gives up when Retry-After asks for longer than the cap", () => {
    expect(retryDelayMs(0, MAX_RETRY_AFTER_MS + 1)).toBeUndefined();
  });
});
