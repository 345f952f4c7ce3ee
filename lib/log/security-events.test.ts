import { afterEach, describe, expect, it, vi } from "vitest";
import { logSecurityEvent } from "./security-events";

afterEach(() => vi.restoreAllMocks());

describe("logSecurityEvent", () => {
  it("writes one JSON line per event", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    logSecurityEvent({ event: "origin_refused", reason: "origin_mismatch", method: "POST" });
    expect(warn).toHaveBeenCalledTimes(1);
    const text = String(warn.mock.calls[0]?.[0]);
    expect(text).not.toContain("\n");
    expect(JSON.parse(text)).toEqual({
      type: "security",
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      event: "origin_refused",
      reason: "origin_mismatch",
      method: "POST",
    });
  });

  it("cannot be made to forge a second line", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    logSecurityEvent({ event: "origin_refused", reason: "x\r\n[INFO] admin login ok", method: "POST" });
    expect(String(warn.mock.calls[0]?.[0])).not.toMatch(/[\r\n]/);
  });

  it("logs a store outage once per 10 seconds per use, with how many it held back", () => {
    vi.useFakeTimers({ toFake: ["Date"], now: 5_000_000 });
    try {
      const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
      const outage = { event: "store_unavailable", use: "test use", fallback: "test" } as const;
      for (let i = 0; i < 50; i++) logSecurityEvent(outage);
      expect(warn).toHaveBeenCalledTimes(1);
      vi.setSystemTime(5_010_001);
      logSecurityEvent(outage);
      expect(warn).toHaveBeenCalledTimes(2);
      expect(JSON.parse(String(warn.mock.calls[1]?.[0]))).toMatchObject({ repeated: 49 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("logs a client hammering a limit, or one repeated CSP violation, once per 10 seconds, each kind apart", () => {
    vi.useFakeTimers({ toFake: ["Date"], now: 7_000_000 });
    try {
      const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
      const hammer = { event: "rate_limited", limit: "cspReports", client: "203.0.113.9" } as const;
      const violation = {
        event: "csp_violation",
        directive: "style-src-elem",
        blocked: "inline",
        disposition: "report",
      } as const;
      for (let i = 0; i < 1000; i++) {
        logSecurityEvent(hammer);
        logSecurityEvent(violation);
      }
      logSecurityEvent({ ...hammer, client: "203.0.113.10" });
      expect(warn).toHaveBeenCalledTimes(3);
      vi.setSystemTime(7_010_001);
      logSecurityEvent(hammer);
      expect(JSON.parse(String(warn.mock.calls[3]?.[0]))).toMatchObject({ client: "203.0.113.9", repeated: 999 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("logs a client refused at the webhook endpoint once a minute, whatever the reason", () => {
    vi.useFakeTimers({ toFake: ["Date"], now: 11_000_000 });
    try {
      const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
      const client = "198.51.100.4";
      logSecurityEvent({ event: "webhook_refused", reason: "unsigned", client });
      logSecurityEvent({ event: "webhook_refused", reason: "bad_signature", client });
      vi.setSystemTime(11_059_999);
      logSecurityEvent({ event: "webhook_refused", reason: "oversized", client });
      expect(warn).toHaveBeenCalledTimes(1);
      vi.setSystemTime(11_060_000);
      logSecurityEvent({ event: "webhook_refused", reason: "malformed", client });
      expect(warn).toHaveBeenCalledTimes(2);
      expect(JSON.parse(String(warn.mock.calls[1]?.[0]))).toMatchObject({ reason: "malformed", repeated: 2 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("remembers a bounded number of kinds, so many clients can't grow it without end", () => {
    vi.useFakeTimers({ toFake: ["Date"], now: 9_000_000 });
    try {
      const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
      for (let i = 0; i < 5000; i++) logSecurityEvent({ event: "rate_limited", limit: "x", client: `c${i}` });
      // Every kind is new, so every one is logged; none of them is lost for being past the bound.
      expect(warn).toHaveBeenCalledTimes(5000);
    } finally {
      vi.useRealTimers();
    }
  });
});
