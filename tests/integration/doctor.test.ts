import { describe, expect, it } from "vitest";
import { sandboxAppEnv, testAppEnv } from "@/tests/support/test-env.mjs";
import { runChecks } from "@/scripts/doctor/checks";

// `npm run doctor` against the running test storefronts and their emulators: with the environment each
// storefront runs with, every check passes, including the CSP the storefront actually serves.

describe("npm run doctor against the running storefronts", () => {
  it.each([
    ["spec", testAppEnv],
    ["sandbox", sandboxAppEnv],
  ])("passes every check for the storefront on the %s profile, reading the CSP it serves", async (_profile, env) => {
    const results = await runChecks(env, { storefrontUrl: env.APP_ORIGIN });
    expect(results.filter((result) => result.status !== "pass")).toEqual([]);
    const account = "BOLT_ACCOUNT_URL" in env ? env.BOLT_ACCOUNT_URL : env.BOLT_CONNECT_URL;
    const frames = [...new Set([env.BOLT_CONNECT_URL, account])].join(" ");
    expect(results.find((result) => result.name === "CSP allows Bolt")?.detail).toBe(
      `the storefront at ${env.APP_ORIGIN} allows Bolt: script-src ${frames}; frame-src ${frames}; img-src ${frames}; connect-src ${frames}`,
    );
  });

  it("names a storefront whose served CSP no longer matches BOLT_CONNECT_URL (started before a change)", async () => {
    const changed = { ...testAppEnv, BOLT_CONNECT_URL: sandboxAppEnv.BOLT_CONNECT_URL };
    const csp = (await runChecks(changed, { storefrontUrl: testAppEnv.APP_ORIGIN })).find(
      (result) => result.name === "CSP allows Bolt",
    );
    expect(csp).toMatchObject({ status: "fail", fix: "Restart the storefront so it reads BOLT_CONNECT_URL again." });
  });
});
