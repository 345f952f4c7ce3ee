import { sealData, unsealData } from "iron-session";
import * as z from "zod";
import { afterEach, describe, expect, it, vi } from "vitest";

const OLD = "old-password-0123456789abcdefghijklmnop";
const NEW = "new-password-0123456789abcdefghijklmnop";

async function load(passwords: Record<string, string>) {
  vi.resetModules();
  vi.stubEnv("SESSION_PASSWORD", JSON.stringify(passwords));
  return import("./sealing");
}

afterEach(() => vi.unstubAllEnvs());

const Value = z.strictObject({ token: z.string() });

describe("derivedPasswords", () => {
  it("derives one key per purpose and password id, none equal to a session password", async () => {
    const keys = await load({ 1: OLD, 2: NEW });
    const handoff = keys.derivedPasswords("refresh-handoff");
    const signIn = keys.derivedPasswords("sign-in-handoff");
    expect(Object.keys(handoff)).toEqual(["1", "2"]);
    expect(handoff["2"]).toMatch(/^[\w-]{43}$/);
    expect(new Set([handoff["1"], handoff["2"], signIn["1"], signIn["2"], OLD, NEW]).size).toBe(6);
    expect(keys.derivedPasswords("refresh-handoff")).toEqual(handoff);
  });

  it("opens a hand-off sealed before a password rotation, and seals with the newest id", async () => {
    const before = await load({ 1: OLD });
    const seal = await before.sealHandoff("refresh-handoff", { token: "t" }, 30_000);
    expect(seal).toMatch(/^Fe26\.2\*1\*/);
    const after = await load({ 1: OLD, 2: NEW });
    await expect(after.openHandoff("refresh-handoff", seal, Value)).resolves.toEqual({ token: "t" });
    expect(await after.sealHandoff("refresh-handoff", { token: "t" }, 30_000)).toMatch(/^Fe26\.2\*2\*/);
  });

  it("keeps purposes apart: a hand-off is not a session cookie, and neither opens as the other", async () => {
    const keys = await load({ 1: OLD });
    const handoff = await keys.sealHandoff("refresh-handoff", { token: "t" }, 30_000);
    await expect(keys.openHandoff("sign-in-handoff", handoff, Value)).resolves.toBeUndefined();
    await expect(unsealData(handoff, { password: { 1: OLD } })).resolves.toEqual({});
    const cookie = await sealData({ token: "t" }, { password: { 1: OLD } });
    await expect(keys.openHandoff("refresh-handoff", cookie, Value)).resolves.toBeUndefined();
  });

  it("refuses an expired, tampered or wrongly shaped hand-off", async () => {
    const keys = await load({ 1: OLD });
    const seal = await keys.sealHandoff("refresh-handoff", { token: "t" }, 1_000);
    const tampered = seal.replace(/\*([^*]{4})/, "*AAAA");
    await expect(keys.openHandoff("refresh-handoff", tampered, Value)).resolves.toBeUndefined();
    const wrongShape = await keys.sealHandoff("refresh-handoff", { token: 1 }, 30_000);
    await expect(keys.openHandoff("refresh-handoff", wrongShape, Value)).resolves.toBeUndefined();
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 120_000 });
    try {
      await expect(keys.openHandoff("refresh-handoff", seal, Value)).resolves.toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });
});
