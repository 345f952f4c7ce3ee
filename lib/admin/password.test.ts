import { describe, expect, it } from "vitest";
import { hashPassword, MAX_PASSWORD_LENGTH, parsePasswordHash, verifyPassword } from "./password";

const CHEAP = { N: 2 ** 14, r: 8, p: 1 };

describe("the order desk's password hash", () => {
  it("verifies the password it was made from, and no other", async () => {
    const hash = await hashPassword("correct horse battery", CHEAP);
    expect(hash).toMatch(/^scrypt:16384:8:1:[\w-]{22}:[\w-]{43}$/);
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
    expect(await verifyPassword("correct horse battery ", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("salts each hash anew, so two hashes of one password differ", async () => {
    const [one, two] = await Promise.all([
      hashPassword("same password!", CHEAP),
      hashPassword("same password!", CHEAP),
    ]);
    expect(one).not.toBe(two);
  });

  it("uses scrypt at 2^15 unless told otherwise", async () => {
    expect(await hashPassword("a default-cost password")).toMatch(/^scrypt:32768:8:1:/);
  });

  it("reads a password typed as composed or decomposed accents as the same", async () => {
    const hash = await hashPassword("caf\u00e9 au lait", CHEAP);
    expect(await verifyPassword("cafe\u0301 au lait", hash)).toBe(true);
  });

  it("refuses a password longer than anyone types, without hashing it", async () => {
    const long = "x".repeat(MAX_PASSWORD_LENGTH + 1);
    const hash = await hashPassword("x".repeat(MAX_PASSWORD_LENGTH), CHEAP);
    expect(await verifyPassword(long, hash)).toBe(false);
  });

  it("refuses a key changed in the hash, and reads no hash it could not have made", async () => {
    const hash = await hashPassword("correct horse battery", CHEAP);
    const key = hash.split(":").at(-1)!;
    const changed = `${hash.slice(0, -key.length)}${key[0] === "A" ? "B" : "A"}${key.slice(1)}`;
    expect(await verifyPassword("correct horse battery", changed)).toBe(false);
    for (const text of [
      "correct horse battery",
      hash.replace("scrypt:16384", "scrypt:16383"),
      hash.replace("scrypt:16384", "scrypt:8192"),
      hash.replace(":8:1:", ":64:1:"),
      hash.replace(/:[\w-]{22}:/, ":c2hvcnQ:"),
      `${hash}$`,
    ]) {
      expect(parsePasswordHash(text)).toBeUndefined();
      expect(await verifyPassword("correct horse battery", text)).toBe(false);
    }
  });
});
