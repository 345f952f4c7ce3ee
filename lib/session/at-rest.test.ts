import * as z from "zod";
import { afterEach, describe, expect, it, vi } from "vitest";

const OLD = "old-password-0123456789abcdefghijklmnop";
const NEW = "new-password-0123456789abcdefghijklmnop";

async function load(passwords: Record<string, string>) {
  vi.resetModules();
  vi.stubEnv("SESSION_PASSWORD", JSON.stringify(passwords));
  return import("./at-rest");
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

const Value = z.strictObject({ token: z.string(), email: z.string() });
const VALUE = { token: "tok_4242424242424242", email: "nora@example.test" };

/** Replaces the `index`th `*`-separated part of a seal. */
function withPart(sealed: string, index: number, part: string): string {
  const parts = sealed.split("*");
  parts[index] = part;
  return parts.join("*");
}

describe("sealing what the server keeps", () => {
  it("opens what it sealed, and shows none of it to whoever reads the database", async () => {
    const { openAtRest, sealAtRest } = await load({ 1: OLD });
    const sealed = sealAtRest("checkout-attempt", VALUE, 60_000);
    expect(sealed).not.toContain("4242");
    expect(sealed).not.toContain("nora");
    expect(Buffer.from(sealed.split("*")[3]!, "base64url").toString("latin1")).not.toContain("nora");
    expect(openAtRest("checkout-attempt", sealed, Value)).toEqual(VALUE);
    expect(sealAtRest("checkout-attempt", VALUE, 60_000)).not.toBe(sealed);
  });

  it("opens a seal made before a password rotation, seals with the newest id, and nothing once the old one is retired", async () => {
    const before = await load({ 1: OLD });
    const old = before.sealAtRest("checkout-attempt", VALUE, 60_000);
    const rotated = await load({ 1: OLD, 2: NEW });
    expect(rotated.openAtRest("checkout-attempt", old, Value)).toEqual(VALUE);
    const fresh = rotated.sealAtRest("checkout-attempt", VALUE, 60_000);
    expect(fresh.split("*")[1]).toBe("2");
    const retired = await load({ 2: NEW });
    expect(retired.openAtRest("checkout-attempt", old, Value)).toBeUndefined();
    expect(retired.openAtRest("checkout-attempt", fresh, Value)).toEqual(VALUE);
  });

  it("refuses a seal changed in any part, or with its tag cut short", async () => {
    const { openAtRest, sealAtRest } = await load({ 1: OLD, 2: NEW });
    const sealed = sealAtRest("checkout-attempt", VALUE, 60_000);
    const [, , iv, body, tag] = sealed.split("*") as [string, string, string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, "base64url");
      bytes[0] = bytes[0]! ^ 1;
      return bytes.toString("base64url");
    };
    for (const changed of [
      withPart(sealed, 1, "1"),
      withPart(sealed, 1, "__proto__"),
      withPart(sealed, 2, flip(iv)),
      withPart(sealed, 3, flip(body)),
      withPart(sealed, 4, flip(tag)),
      withPart(sealed, 4, Buffer.from(tag, "base64url").subarray(0, 4).toString("base64url")),
      withPart(sealed, 0, "A128GCM"),
      `${sealed}*more`,
      sealed.split("*").slice(0, 4).join("*"),
      "",
    ]) {
      expect(openAtRest("checkout-attempt", changed, Value)).toBeUndefined();
    }
  });

  it("refuses a seal past its lifetime, and one that opens to another shape", async () => {
    const { openAtRest, sealAtRest } = await load({ 1: OLD });
    const sealed = sealAtRest("checkout-attempt", VALUE, 60_000);
    const other = sealAtRest("checkout-attempt", { token: 1 }, 60_000);
    expect(openAtRest("checkout-attempt", other, Value)).toBeUndefined();
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 });
    expect(openAtRest("checkout-attempt", sealed, Value)).toBeUndefined();
  });
});
