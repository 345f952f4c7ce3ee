import { describe, expect, it } from "vitest";
import { toE164 } from "./phone";

describe("toE164", () => {
  it.each([
    ["+1 415 555 0100", "US", "+14155550100"],
    ["(415) 555-0100", "US", "+14155550100"],
    ["416-555-0100", "CA", "+14165550100"],
    ["07700 900123", "GB", "+447700900123"],
    ["0044 7700 900123", "US", "+447700900123"],
  ] as const)("reads %j shipping to %s as %s", (typed, country, expected) => {
    expect(toE164(typed, country)).toBe(expected);
  });

  it.each(["", "12", "+0 555 0100", "call me", "+1 415 555 0100 ext 2"])("refuses %j", (typed) => {
    expect(toE164(typed, "US")).toBeUndefined();
  });
});
