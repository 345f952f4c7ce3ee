import { describe, expect, it } from "vitest";
import { BASE64URL_256, guestKeyMatches, hashCheckoutId, newGuestKey } from "./secrets";

describe("guest keys", () => {
  it("are 256 random bits, kept as a hash that only the same key matches", () => {
    const { key, hash } = newGuestKey();
    const other = newGuestKey();
    expect(key).toMatch(BASE64URL_256);
    expect(hash).toMatch(BASE64URL_256);
    expect(hash).not.toBe(key);
    expect(guestKeyMatches(key, hash)).toBe(true);
    expect(guestKeyMatches(other.key, hash)).toBe(false);
    expect(guestKeyMatches(hash, hash)).toBe(false);
  });

  it("does not match a malformed stored hash", () => {
    const { key } = newGuestKey();
    expect(guestKeyMatches(key, "")).toBe(false);
    expect(guestKeyMatches(key, "short")).toBe(false);
  });
});

describe("hashCheckoutId", () => {
  it("is sha256 in base64url, so an id never sits in the database as it is in the cookie", () => {
    expect(hashCheckoutId("abc")).toBe("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
  });
});
