import { describe, expect, it } from "vitest";
import { audienceOf, settingsFromEnv } from "./config";
import { EmulatorConfigError } from "./http/errors";

describe("settingsFromEnv", () => {
  it("defaults to port 4010, the sandbox credentials and Bolt's lifetimes", () => {
    const settings = settingsFromEnv({});
    expect(settings).toMatchObject({
      profile: "spec",
      port: 4010,
      publicUrl: undefined,
      publishableKey: "emuDivision01.emulatorSandbox.pkDemoStorefront",
      divisionId: "emuDivision01",
      otp: "123456",
      codeTtlSeconds: 300,
      accessTokenTtlSeconds: 3600,
      refreshTokenTtlSeconds: 31_536_000,
      idTokenTtlSeconds: 3600,
      allowedOrigins: [],
      faults: [],
    });
  });

  it("reads every variable, treating empty ones as unset", () => {
    const settings = settingsFromEnv({
      BOLT_EMULATOR_PORT: "4110",
      BOLT_EMULATOR_PUBLIC_URL: "https://bolt.test/",
      BOLT_EMULATOR_PUBLISHABLE_KEY: "a.b.c",
      BOLT_EMULATOR_API_KEY: "secret-api-key",
      BOLT_EMULATOR_DIVISION_ID: "div",
      BOLT_EMULATOR_OTP: "000111",
      BOLT_EMULATOR_ACCESS_TOKEN_TTL_SECONDS: "5",
      BOLT_EMULATOR_ALLOWED_ORIGINS: "https://a.example, https://b.example:8443",
      BOLT_EMULATOR_FAULTS: '[{"path":"/v1/*","status":503,"times":1}]',
      BOLT_EMULATOR_CODE_TTL_SECONDS: "",
    });
    expect(settings).toMatchObject({
      port: 4110,
      publicUrl: "https://bolt.test",
      publishableKey: "a.b.c",
      apiKey: "secret-api-key",
      divisionId: "div",
      otp: "000111",
      accessTokenTtlSeconds: 5,
      codeTtlSeconds: 300,
      allowedOrigins: ["https://a.example", "https://b.example:8443"],
      faults: [{ path: "/v1/*", status: 503, times: 1 }],
    });
  });

  it("names every bad variable in one readable error", () => {
    let error: unknown;
    try {
      settingsFromEnv({
        BOLT_EMULATOR_PORT: "abc",
        BOLT_EMULATOR_OTP: "12",
        BOLT_EMULATOR_PUBLISHABLE_KEY: "one-section",
        BOLT_EMULATOR_FAULTS: "{not json",
        BOLT_EMULATOR_ALLOWED_ORIGINS: "https://ok.example,https://bad.example/path",
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EmulatorConfigError);
    const message = (error as Error).message;
    for (const name of [
      "BOLT_EMULATOR_PORT",
      "BOLT_EMULATOR_OTP",
      "BOLT_EMULATOR_PUBLISHABLE_KEY",
      "BOLT_EMULATOR_FAULTS",
      "BOLT_EMULATOR_ALLOWED_ORIGINS",
    ]) {
      expect(message).toContain(name);
    }
    expect(message).toContain('(got "abc")');
  });

  it('reads BOLT_EMULATOR_PROFILE, "spec" or "sandbox", and refuses anything else by name', () => {
    expect(settingsFromEnv({ BOLT_EMULATOR_PROFILE: "sandbox" }).profile).toBe("sandbox");
    expect(settingsFromEnv({ BOLT_EMULATOR_PROFILE: "" }).profile).toBe("spec");
    expect(() => settingsFromEnv({ BOLT_EMULATOR_PROFILE: "production" })).toThrow(
      /BOLT_EMULATOR_PROFILE: must be "spec" or "sandbox" \(got "production"\)/,
    );
  });

  it("signs webhooks with the documented development secret, retries from 2 s and times out at 5 s by default", () => {
    expect(settingsFromEnv({})).toMatchObject({
      signingSecret: "emu_signing_secret_dev_0123456789abcdef",
      webhookUrls: [],
      webhookRetryMs: 2000,
      webhookTimeoutMs: 5000,
    });
    expect(
      settingsFromEnv({
        BOLT_EMULATOR_SIGNING_SECRET: "a-secret-of-my-own-choosing",
        BOLT_EMULATOR_WEBHOOK_URLS: "http://localhost:3600/api/bolt/webhooks, https://shop.example/hooks",
        BOLT_EMULATOR_WEBHOOK_RETRY_MS: "50",
        BOLT_EMULATOR_WEBHOOK_TIMEOUT_MS: "250",
      }),
    ).toMatchObject({
      signingSecret: "a-secret-of-my-own-choosing",
      webhookUrls: ["http://localhost:3600/api/bolt/webhooks", "https://shop.example/hooks"],
      webhookRetryMs: 50,
      webhookTimeoutMs: 250,
    });
  });

  it("names bad webhook settings", () => {
    for (const [name, value] of [
      ["BOLT_EMULATOR_SIGNING_SECRET", "short"],
      ["BOLT_EMULATOR_WEBHOOK_URLS", "http://ok.example/hooks,not a url"],
      ["BOLT_EMULATOR_WEBHOOK_URLS", "ftp://files.example/hooks"],
      ["BOLT_EMULATOR_WEBHOOK_RETRY_MS", "0"],
      ["BOLT_EMULATOR_WEBHOOK_TIMEOUT_MS", "soon"],
    ] as const) {
      expect(() => settingsFromEnv({ [name]: value }), `${name}=${value}`).toThrow(new RegExp(name));
    }
  });

  it("refuses fault rules that do nothing", () => {
    expect(() => settingsFromEnv({ BOLT_EMULATOR_FAULTS: '[{"path":"/v1/account"}]' })).toThrow(/BOLT_EMULATOR_FAULTS/);
  });
});

describe("audienceOf", () => {
  it("is the last dot-separated section of the publishable key", () => {
    expect(audienceOf("emuDivision01.emulatorSandbox.pkDemoStorefront")).toBe("pkDemoStorefront");
  });
});
