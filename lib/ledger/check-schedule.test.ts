import { describe, expect, it } from "vitest";
import { checkDelayMs } from "./check-schedule";

describe("checkDelayMs", () => {
  it("waits 30 s after the first check that learned nothing, then twice as long each time", () => {
    expect([1, 2, 3, 4, 5].map(checkDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
  });

  it("never waits more than an hour, however many checks failed", () => {
    expect(checkDelayMs(8)).toBe(60 * 60_000);
    expect(checkDelayMs(1_000)).toBe(60 * 60_000);
  });
});
