import type { CookieJar } from "iron-session";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseEnv, type Env } from "@/lib/env";
import { hashCheckoutId } from "@/lib/ledger/secrets";
import {
  checkoutCookieName,
  checkoutCookieOptions,
  checkoutIdHashOf,
  ensureCheckoutId,
  forgetCheckoutId,
  isCheckoutId,
  newCheckoutId,
  rotateCheckoutId,
} from "./checkout-id";

// The environment a test sets (`deployedAs`), else the test environment.
const deployment = vi.hoisted(() => ({ env: undefined as Env | undefined }));
vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, getEnv: () => deployment.env ?? actual.getEnv() };
});

function deployedAs(variables: Record<string, string>): Env {
  deployment.env = parseEnv({ ...process.env, ...variables });
  return deployment.env;
}

afterEach(() => {
  deployment.env = undefined;
});

type Written = { name: string; value: string; options: Parameters<CookieJar["write"]>[2] };

/** A browser's cookies as a server action sees them, with every write kept. */
function browser(cookies: Record<string, string> = {}) {
  const values = new Map(Object.entries(cookies));
  const writes: Written[] = [];
  const jar: CookieJar = {
    read: (name) => values.get(name),
    write: (name, value, options) => {
      writes.push({ name, value, options });
      values.set(name, value);
    },
  };
  return { jar, writes, values };
}

describe("the checkout id: one browser's checkout, as the ledger files its orders", () => {
  it("is new and unguessable each time: 144 random bits, in a cookie-safe alphabet", () => {
    const ids = Array.from({ length: 50 }, () => newCheckoutId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(isCheckoutId(id)).toBe(true);
    }
  });

  it("refuses a value a browser could send that the storefront never made", () => {
    const id = newCheckoutId();
    for (const forged of [
      undefined,
      "",
      id.slice(1),
      `${id}A`,
      `!${id.slice(1)}`,
      `${id.slice(0, -1)}=`,
      `${id.slice(0, 12)}/${id.slice(13)}`,
      `x${id}`,
      `${id}\n`,
      "A",
    ]) {
      expect(isCheckoutId(forged), String(forged)).toBe(false);
    }
  });

  it("files the checkout under its hash, never the id itself, and a forged id under nothing", () => {
    const id = newCheckoutId();
    expect(checkoutIdHashOf(id)).toBe(hashCheckoutId(id));
    expect(checkoutIdHashOf(id)).not.toContain(id);
    expect(checkoutIdHashOf(newCheckoutId())).not.toBe(checkoutIdHashOf(id));
    expect(checkoutIdHashOf(`${id}!`)).toBeUndefined();
    expect(checkoutIdHashOf(undefined)).toBeUndefined();
  });
});

describe("the checkout cookie", () => {
  it("is httpOnly, same-site lax, for the whole site, and lasts a day: as long as Bolt remembers a payment's key", () => {
    expect(checkoutCookieOptions(true)).toEqual({
      httpOnly: true,
      sameSite: "lax",
      secure: true,
      path: "/",
      maxAge: 24 * 60 * 60,
    });
    expect(checkoutCookieOptions(false)).toMatchObject({ secure: false });
  });

  it("is __Host- prefixed on an https origin, so a sibling subdomain can't plant one", () => {
    const env = deployedAs({ APP_ORIGIN: "https://shop.example.com" });
    expect(checkoutCookieName(env)).toBe("__Host-checkout_id");
    const { jar, writes } = browser();
    rotateCheckoutId(jar);
    expect(writes).toEqual([
      { name: "__Host-checkout_id", value: expect.any(String), options: expect.objectContaining({ secure: true }) },
    ]);
  });

  it("is plain on a plain-http demo, where the Secure flag can be dropped", () => {
    const env = deployedAs({ STOREFRONT_TUNING: JSON.stringify({ sessionCookieInsecure: true }) });
    expect(checkoutCookieName(env)).toBe("checkout_id");
    const { jar, writes } = browser();
    rotateCheckoutId(jar);
    forgetCheckoutId(jar);
    expect(writes.map((write) => write.options?.secure)).toEqual([false, false]);
  });
});

describe("a checkout id in a server action", () => {
  it("keeps the browser's checkout when it has one: the next click finds the order it placed", () => {
    const id = newCheckoutId();
    const { jar, writes } = browser({ checkout_id: id });
    expect(ensureCheckoutId(jar)).toBe(id);
    expect(writes).toEqual([]);
  });

  it("starts one for a client that never loaded /checkout, or that sent a forged id", () => {
    const browsers: Record<string, string>[] = [{}, { checkout_id: "forged-by-the-client" }];
    for (const cookies of browsers) {
      const { jar, writes, values } = browser(cookies);
      const id = ensureCheckoutId(jar);
      expect(isCheckoutId(id)).toBe(true);
      expect(writes).toEqual([{ name: "checkout_id", value: id, options: checkoutCookieOptions(true) }]);
      expect(ensureCheckoutId(jar)).toBe(values.get("checkout_id"));
    }
  });

  it("rotates to a new checkout after an order or a sign-in: the last one's orders stay with it", () => {
    const { jar, writes } = browser();
    const before = ensureCheckoutId(jar);
    const after = rotateCheckoutId(jar);
    expect(after).not.toBe(before);
    expect(ensureCheckoutId(jar)).toBe(after);
    expect(writes.at(-1)).toEqual({ name: "checkout_id", value: after, options: checkoutCookieOptions(true) });
  });

  it("is forgotten at logout: the cookie is deleted with the attributes it was set with", () => {
    const { jar, writes } = browser();
    ensureCheckoutId(jar);
    forgetCheckoutId(jar);
    expect(writes.at(-1)).toEqual({
      name: "checkout_id",
      value: "",
      options: { ...checkoutCookieOptions(true), maxAge: 0 },
    });
    expect(isCheckoutId(jar.read("checkout_id"))).toBe(false);
  });
});
