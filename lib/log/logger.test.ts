import { afterEach, describe, expect, it, vi } from "vitest";
import { captureLog } from "./testing/capture";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function loggerWith(level?: string) {
  vi.resetModules();
  if (level !== undefined) vi.stubEnv("LOG_LEVEL", level);
  return import("./logger");
}

describe("log", () => {
  it("writes one JSON line per call: level, time, message and fields", async () => {
    const { log } = await loggerWith();
    const logged = captureLog();
    log.warn("checkout: something", { orderId: "ABCD1234EFGH", attempts: 2 });
    expect(logged.text().split("\n")).toHaveLength(2);
    expect(logged.lines()).toEqual([
      {
        level: "warn",
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        msg: "checkout: something",
        orderId: "ABCD1234EFGH",
        attempts: 2,
      },
    ]);
  });

  it("masks an email and drops a card number, in the message and in every field", async () => {
    const { log } = await loggerWith();
    const logged = captureLog();
    log.error("refused alice.smith@example.com paying 4111 1111 1111 1111", {
      detail: "card 4111-1111-1111-1111 of bob@shop.example",
      nonce: "0123456789012345abcdef0123456789",
    });
    const text = logged.text();
    expect(text).not.toMatch(/alice\.smith|bob@|4111.?1111/);
    expect(logged.lines()[0]).toMatchObject({
      msg: "refused a***@example.com paying [number removed]",
      detail: "card [number removed] of b***@shop.example",
      // A hex id is an id, not a card number.
      nonce: "0123456789012345abcdef0123456789",
    });
  });

  it("writes only what LOG_LEVEL lets through, info by default", async () => {
    for (const [level, expected] of [
      [undefined, ["info", "warn", "error"]],
      ["debug", ["debug", "info", "warn", "error"]],
      ["warn", ["warn", "error"]],
      ["silent", []],
      ["nonsense", ["info", "warn", "error"]],
    ] as const) {
      const { log } = await loggerWith(level);
      const logged = captureLog();
      log.debug("d");
      log.info("i");
      log.warn("w");
      log.error("e");
      expect(logged.lines().map((line) => line.level)).toEqual(expected);
      logged.restore();
      vi.unstubAllEnvs();
    }
  });
});
