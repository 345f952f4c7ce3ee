import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseEnv as parseDotenv, promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startEmulator, type RunningEmulator } from "bolt-emulator/server";
import { EmulatorTestClient, SANDBOX_CREDENTIALS } from "bolt-emulator/test-client";

// `npm run bolt -- webhooks …` against an emulator of its own, with the store's origin set as a
// deployment would set it.

const ORIGIN = "https://shop.example.com";
const URL_OF_STORE = `${ORIGIN}/api/bolt/webhooks`;

let emulator: RunningEmulator;
let bolt: EmulatorTestClient;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  bolt = new EmulatorTestClient(emulator.url, SANDBOX_CREDENTIALS);
  vi.stubEnv("BOLT_API_URL", emulator.url);
  vi.stubEnv("BOLT_CONNECT_URL", emulator.url);
  vi.stubEnv("APP_ORIGIN", ORIGIN);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  for (const webhook of await bolt.webhooks()) await bolt.deleteWebhook(webhook.webhook_id);
});

const { deleteCommand, listCommand, registerCommand } = await import("./webhooks");

describe("npm run bolt -- webhooks", () => {
  it("registers APP_ORIGIN's webhook URL for every event, once", async () => {
    const first = await registerCommand();
    expect(first.ok).toBe(true);
    expect(first.lines.join("\n")).toMatch(
      /^Registered https:\/\/shop\.example\.com\/api\/bolt\/webhooks at .* for every event \(wh_/,
    );
    expect(await bolt.webhooks()).toEqual([expect.objectContaining({ url: URL_OF_STORE, event_group: "all" })]);

    const again = await registerCommand();
    expect(again).toMatchObject({
      ok: true,
      lines: [expect.stringContaining("is already registered for every event")],
    });
    expect(await bolt.webhooks()).toHaveLength(1);
  });

  it("lists what Bolt has, marking this store's", async () => {
    await bolt.registerWebhook("https://other.example.com/hooks", ["capture"]);
    expect((await listCommand()).lines.join("\n")).toContain(
      "This store's URL (https://shop.example.com/api/bolt/webhooks) is not among them",
    );
    await registerCommand();
    const listed = (await listCommand()).lines.join("\n");
    expect(listed).toMatch(/https:\/\/other\.example\.com\/hooks {2}\(capture; since \d{4}-\d\d-\d\d\)\n/);
    expect(listed).toMatch(
      /https:\/\/shop\.example\.com\/api\/bolt\/webhooks {2}\(every event; since .*\) {2}← this store/,
    );
  });

  it("says what to do when the URL is registered for some events only, and deletes by id", async () => {
    const partial = await bolt.registerWebhook(URL_OF_STORE, ["capture", "credit"]);
    const refused = await registerCommand();
    expect(refused.ok).toBe(false);
    expect(refused.lines.join("\n")).toContain(`registered for some events (${partial}): delete it first`);
    expect(await deleteCommand(partial)).toMatchObject({ ok: true });
    expect(await bolt.webhooks()).toEqual([]);
    expect(await deleteCommand(undefined)).toMatchObject({ ok: false });
  });
});

describe("the npm run bolt command", () => {
  const exec = promisify(execFile);
  const development = parseDotenv(readFileSync(new URL("../../.env.development", import.meta.url), "utf8"));
  const cli = (args: string[], env: Record<string, string>) =>
    exec("npx", ["tsx", "--conditions=react-server", "scripts/bolt.ts", ...args], {
      env: {
        ...process.env,
        ...development,
        NODE_ENV: "development",
        BOLT_API_URL: emulator.url,
        BOLT_CONNECT_URL: emulator.url,
        BOLT_ACCOUNT_URL: emulator.url,
        ...env,
      },
    }).then(
      ({ stdout }) => ({ code: 0, out: stdout }),
      (error: { code: number; stderr: string }) => ({ code: error.code, out: error.stderr }),
    );

  it("registers localhost:PORT with the emulator, and refuses to give Bolt elsewhere a localhost URL", async () => {
    const port = "3917";
    const registered = await cli(["webhooks", "register"], { PORT: port, APP_ORIGIN: "" });
    expect(registered).toMatchObject({
      code: 0,
      out: expect.stringContaining(`http://localhost:${port}/api/bolt/webhooks`),
    });
    const unreachable = await cli(["webhooks", "register"], {
      PORT: port,
      APP_ORIGIN: "",
      BOLT_API_URL: "https://api-sandbox.bolt.com",
    });
    expect(unreachable).toMatchObject({ code: 1, out: expect.stringContaining("cannot reach it") });
    const usage = await cli(["hooks"], {});
    expect(usage).toMatchObject({ code: 1, out: expect.stringContaining("Usage: npm run bolt -- webhooks") });
  }, 30_000);
});
