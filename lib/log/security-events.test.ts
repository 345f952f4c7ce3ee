import { afterEach, describe, expect, it, vi } from "vitest";
import { logSecurityEvent } from "./security-events";
import { captureLog } from "./testing/capture";

afterEach(() => vi.restoreAllMocks());

describe("logSecurityEvent", () => {
  it("writes one JSON line per event", () => {
    const logged = captureLog();
    logSecurityEvent({ event: "origin_refused", reason: "origin_mismatch", method: "POST" });
    expect(logged.text().trimEnd()).not.toContain("\n");
    expect(logged.lines()).toEqual([
      {
        level: "warn",
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        msg: "origin_refused",
        type: "security",
        event: "origin_refused",
        reason: "origin_mismatch",
        method: "POST",
      },
    ]);
  });

  it("cannot be made to forge a second line", () => {
    const logged = captureLog();
    logSecurityEvent({ event: "origin_refused", reason: "x\r\n[INFO] admin login ok", method: "POST" });
    expect(logged.text().trimEnd()).not.toMatch(/[\r\n]/);
  });

  it("logs a store outage once per 10 seconds per use, with how many it held back", () => {
    vi.useFakeTimers({ toFake: ["Date"], now: 5_000_000 });
    try {
      const logged = captureLog();
      const outage = { event: "store_unavailable", use: "test use", fallback: "test" } as const;
      for (let i = 0; i < 50; i++) logSecurityEvent(outage);
      expect(logged.lines()).toHaveLength(1);
      vi.setSystemTime(5_010_001);
      logSecurityEvent(outage);
      expect(logged.lines()).toHaveLength(2);
      expect(logged.lines()[1]).toMatchObject({ repeated: 49 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("logs a client hammering a limit, or one repeated CSP violation, once per 10 seconds, each kind apart", () => {
    vi.useFakeTimers({ toFake: ["Date"], now: 7_000_000 });
    try {
      const logged = captureLog();
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
      expect(logged.lines()).toHaveLength(3);
      vi.setSystemTime(7_010_001);
      logSecurityEvent(hammer);
      expect(logged.lines()[3]).toMatchObject({ client: "203.0.113.9", repeated: 999 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("logs a client refused at the webhook endpoint once a minute, whatever the reason", () => {
    vi.useFakeTimers({ toFake: ["Date"], now: 11_000_000 });
    try {
      const logged = captureLog();
      const client = "198.51.100.4";
      logSecurityEvent({ event: "webhook_refused", reason: "unsigned", client });
      logSecurityEvent({ event: "webhook_refused", reason: "bad_signature", client });
      vi.setSystemTime(11_059_999);
      logSecurityEvent({ event: "webhook_refused", reason: "oversized", client });
      expect(logged.lines()).toHaveLength(1);
      vi.setSystemTime(11_060_000);
      logSecurityEvent({ event: "webhook_refused", reason: "malformed", client });
      expect(logged.lines()).toHaveLength(2);
      expect(logged.lines()[1]).toMatchObject({ reason: "malformed", repeated: 2 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("remembers a bounded number of kinds, so many clients can't grow it without end", () => {
    vi.useFakeTimers({ toFake: ["Date"], now: 9_000_000 });
    try {
      const logged = captureLog();
      for (let i = 0; i < 5000; i++) logSecurityEvent({ event: "rate_limited", limit: "x", client: `c${i}` });
      // Every kind is new, so every one is logged; none of them is lost for being past the bound.
      expect(logged.lines()).toHaveLength(5000);
    } finally {
      vi.useRealTimers();
    }
  });
});
