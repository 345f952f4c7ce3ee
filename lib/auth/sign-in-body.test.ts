import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { requestedScope, SignInBody } from "./sign-in-body";

const ok = (value: unknown) => SignInBody.safeParse(value).success;

describe("SignInBody", () => {
  it("accepts what Bolt's login_complete hands the page", () => {
    expect(
      ok({
        code: "7GSjMRSHs6Ak7C_zvVW6P2IhZOHxMK7HZKW1fMX85ms.-DUXvwr1Yg-bfvqXUlMaz49fPn7OdiPa3TwVBlUI-wc",
        scope: "bolt.account.manage+openid",
      }),
    ).toBe(true);
  });

  it.each<[string, unknown]>([
    ["a missing code", { scope: "openid" }],
    ["an empty code", { code: "", scope: "" }],
    ["a number", { code: 42, scope: "" }],
    ["a boolean", { code: true, scope: "" }],
    ["null", { code: null, scope: "" }],
    ["an array", { code: ["a"], scope: "" }],
    ["an object", { code: { a: 1 }, scope: "" }],
    ["513 characters", { code: "a".repeat(513), scope: "" }],
    ["CR/LF", { code: "abc\r\ndef", scope: "" }],
    ["NUL", { code: "abc\u0000", scope: "" }],
    ["a space", { code: "abc def", scope: "" }],
    ["Unicode", { code: "cödé", scope: "" }],
    ["a missing scope", { code: "abc" }],
    ["a 257-character scope", { code: "abc", scope: "s".repeat(257) }],
    ["an extra key", { code: "abc", scope: "", state: "x" }],
    ["a constructor key", JSON.parse('{"code":"abc","scope":"","constructor":{}}')],
    ["stepUp: false (a sign-in simply leaves it out)", { code: "abc", scope: "", stepUp: false }],
    ["stepUp as a string", { code: "abc", scope: "", stepUp: "true" }],
    ["stepUp as 1", { code: "abc", scope: "", stepUp: 1 }],
  ])("refuses %s", (_name, value) => {
    expect(ok(value)).toBe(false);
  });

  it("accepts a step-up, which says so with stepUp: true", () => {
    expect(SignInBody.parse({ code: "abc", scope: "", stepUp: true })).toEqual({
      code: "abc",
      scope: "",
      stepUp: true,
    });
  });

  it("accepts a code exactly when it is 1–512 printable ASCII characters (1000 fast-check runs)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 600 }), (code) => {
        expect(ok({ code, scope: "openid" })).toBe(/^[\x21-\x7E]{1,512}$/.test(code));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("requestedScope", () => {
  it.each([
    ["bolt.account.manage+openid", "bolt.account.manage openid"],
    ["bolt.account.view", "bolt.account.view openid"],
    ["", "bolt.account.manage openid"],
    ["openid admin superuser", "bolt.account.manage openid"],
    ["bolt.account.manage,bolt.account.manage", "bolt.account.manage openid"],
  ])("asks for %j as %j", (granted, asked) => {
    expect(requestedScope(granted)).toBe(asked);
  });
});
