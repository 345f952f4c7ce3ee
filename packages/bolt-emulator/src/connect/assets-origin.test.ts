import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { settingsFromEnv } from "../config";
import { startEmulator } from "../server";
import { call, emulatorForFile } from "../test-client/vitest-harness";

// Rows 4 and 5 of go-live §4: Bolt's sign-in pieces come from hosts other than embed.js's. The sandbox
// profile serves the login modal and its images from a second origin; the spec profile keeps one.
const profiles = { spec: emulatorForFile(), sandbox: emulatorForFile({ BOLT_EMULATOR_PROFILE: "sandbox" }) };

const STOREFRONT = "http://localhost:3000";
const modalPath = `/login-modal?${new URLSearchParams({ origin: STOREFRONT, key: "x" })}`;

/** The variants embed.js was served with. */
async function embedVariant(url: string): Promise<unknown> {
  const source = (await call(`${url}/embed.js`)).text;
  const variant = /const VARIANT = \/\* variant \*\/ (\{[^;]*\});/.exec(source)?.[1];
  return JSON.parse(String(variant));
}

describe("the spec profile", () => {
  it("has one origin: no assets URL, and embed.js frames the modal from where it came", async () => {
    const harness = profiles.spec;
    expect(harness.emulator.assetsUrl).toBeUndefined();
    expect(await harness.client.assetsUrl()).toBe(harness.url);
    expect(await embedVariant(harness.url)).toEqual({ assetsPort: null, legacyHelpers: true });
    const modal = await call(`${harness.url}${modalPath}`);
    expect(modal.status).toBe(200);
    expect(modal.text).toContain('src="/connect/images/bolt-mark.svg"');
  });
});

describe("the sandbox profile", () => {
  it("serves the modal, its script, styles, image and code check from a second origin", async () => {
    const harness = profiles.sandbox;
    const assets = String(harness.emulator.assetsUrl);
    expect(assets).toMatch(/^http:\/\/localhost:\d+$/);
    expect(assets).not.toBe(harness.url);
    expect(await harness.client.assetsUrl()).toBe(assets);
    expect(await embedVariant(harness.url)).toEqual({ assetsPort: Number(new URL(assets).port), legacyHelpers: false });

    const modal = await call(`${assets}${modalPath}`);
    expect(modal.status).toBe(200);
    expect(modal.headers.get("content-security-policy")).toContain(`frame-ancestors ${STOREFRONT}`);
    expect(modal.headers.get("content-security-policy")).toContain("img-src 'self'");
    for (const [path, type] of [
      ["/connect/login-modal.js", "text/javascript"],
      ["/connect/login-modal.css", "text/css"],
      ["/connect/images/bolt-mark.svg", "image/svg+xml"],
    ]) {
      const answer = await call(`${assets}${path}`);
      expect([answer.status, answer.headers.get("content-type")?.split(";")[0]]).toEqual([200, type]);
    }
    const verify = await call(`${assets}/connect/login/verify`, {
      json: { email: "bob@example.com", otp: harness.emulator.settings.otp },
      headers: { Origin: assets },
    });
    expect(verify.status).toBe(200);
    expect(verify.headers.get("set-cookie")).toMatch(/^bolt_emulator_session=/);
  });

  it("serves nothing else there: no embed.js, no API, no test hooks", async () => {
    const harness = profiles.sandbox;
    const assets = String(harness.emulator.assetsUrl);
    for (const path of ["/embed.js", "/v1/account", "/.well-known/openid-configuration", "/__emulator/requests"]) {
      expect((await call(`${assets}${path}`)).status).toBe(404);
    }
    expect((await call(`${harness.url}/embed.js`)).status).toBe(200);
  });

  it("opens the second origin on the emulator's port + 1 unless BOLT_EMULATOR_ASSETS_PORT says otherwise", async () => {
    const port = await freePortPair();
    const emulator = await startEmulator({ port, env: { BOLT_EMULATOR_PROFILE: "sandbox" } });
    try {
      expect(emulator.assetsUrl).toBe(`http://localhost:${port + 1}`);
      expect(emulator.settings.assetsPort).toBe(port + 1);
    } finally {
      await emulator.close();
    }
    expect(settingsFromEnv({ BOLT_EMULATOR_ASSETS_PORT: "4999" }).assetsPort).toBe(4999);
    expect(() => settingsFromEnv({ BOLT_EMULATOR_ASSETS_PORT: "70000" })).toThrow(/BOLT_EMULATOR_ASSETS_PORT/);
  });

  it("closes both origins", async () => {
    const emulator = await startEmulator({ port: 0, env: { BOLT_EMULATOR_PROFILE: "sandbox" } });
    const assets = String(emulator.assetsUrl);
    expect((await call(`${assets}/connect/base.css`)).status).toBe(200);
    await emulator.close();
    await expect(call(`${assets}/connect/base.css`)).rejects.toThrow();
  });
});

function listenOn(port: number): Promise<(() => Promise<void>) | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(undefined));
    server.listen(port, () => resolve(() => new Promise((done) => server.close(() => done()))));
  });
}

/** A free port whose next port is free too (checked, then released). */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const probe = createServer();
    const port = await new Promise<number>((resolve) =>
      probe.listen(0, () => resolve((probe.address() as { port: number }).port)),
    );
    await new Promise((done) => probe.close(done));
    const next = port < 65535 ? await listenOn(port + 1) : undefined;
    if (next) {
      await next();
      return port;
    }
  }
  throw new Error("no pair of free ports");
}
