import { readFileSync } from "node:fs";
import { parseEnv as parseDotenv } from "node:util";
import * as z from "zod";
import { boltSources, type BoltDirective, type BoltSources } from "@/lib/bolt/hosts";
import { acceptedIssuers, mayServeSigningKeys } from "@/lib/bolt/issuers";
import { TRANSACTION_EVENT_TYPES } from "@/lib/bolt/webhook-event";
import {
  DEV_ONLY_SESSION_PASSWORD,
  DEV_ONLY_SIGNING_SECRET,
  EnvError,
  isProductionNodeEnv,
  parseEnv,
  type Env,
} from "@/lib/env";
import { buildSecurityHeaders } from "@/lib/http/security-headers";
import { webhookUrlFor } from "@/lib/settlement/webhook-url";

// The checks behind `npm run doctor`: the storefront's environment, read as the app reads it, against
// the Bolt it points at. Each failed check names its fix in one sentence. Secrets never appear: at
// most their first four characters.

export type CheckResult = {
  name: string;
  /** `skipped`: it needs an earlier check that failed. */
  status: "pass" | "fail" | "skipped";
  detail: string;
  /** One sentence; set on every failure. */
  fix?: string;
};

export type Source = Record<string, string | undefined>;

export type DoctorOptions = {
  /** Where the storefront may be running, to read the CSP it serves. Default: APP_ORIGIN, else localhost:PORT. */
  storefrontUrl?: string;
};

const STOREFRONT_TIMEOUT_MS = 2000;
/** A password this guessable (length × log2 of its distinct characters, in bits) seals nothing. */
const MIN_PASSWORD_BITS = 128;

/** At most the first four characters: enough to tell which key it is, never enough to use it. */
export function redact(secret: string): string {
  return secret.length <= 4 ? "…" : `${secret.slice(0, 4)}…`;
}

const pass = (name: string, detail: string): CheckResult => ({ name, status: "pass", detail });
const fail = (name: string, detail: string, fix: string): CheckResult => ({ name, status: "fail", detail, fix });
const skip = (name: string, detail: string): CheckResult => ({ name, status: "skipped", detail });

type Fetched = { ok: true; response: Response; text: string } | { ok: false; reason: string };

async function fetchText(url: string, timeoutMs: number, init: RequestInit = {}): Promise<Fetched> {
  try {
    const response = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    return { ok: true, response, text: await response.text() };
  } catch (error) {
    return { ok: false, reason: networkReason(error) };
  }
}

function networkReason(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError") return "no answer in time";
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  return cause?.code ?? "unreachable";
}

function json(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
};

const Discovery = z.object({ issuer: z.string().min(1), jwks_uri: z.string().min(1) });
type Discovery = z.output<typeof Discovery>;

const API_URL_FIX =
  "Set BOLT_API_URL to Bolt's API origin (https://api-sandbox.bolt.com for the sandbox), or start the emulator with npm run emulator.";

async function discovery(env: Env): Promise<{ result: CheckResult; document?: Discovery }> {
  const name = "Bolt API discovery";
  const url = `${env.boltApiUrl}/.well-known/openid-configuration`;
  const answer = await fetchText(url, env.boltTimeoutMs);
  if (!answer.ok)
    return { result: fail(name, `${env.boltApiUrl} could not be reached (${answer.reason})`, API_URL_FIX) };
  const document = Discovery.safeParse(json(answer.text));
  if (answer.response.status !== 200 || !document.success) {
    return {
      result: fail(
        name,
        `${url} answered ${answer.response.status} without an OpenID configuration`,
        "Set BOLT_API_URL to Bolt's API origin (https://api-sandbox.bolt.com), not the connect or dashboard URL.",
      ),
    };
  }
  return { result: pass(name, `${env.boltApiUrl} serves its OpenID configuration`), document: document.data };
}

/**
 * The storefront's own rules (lib/bolt/issuers.ts): keys only from BOLT_API_URL or a Bolt host; an
 * id_token from discovery's issuer, Bolt's known ones, BOLT_API_URL or BOLT_EXTRA_ISSUERS.
 */
function discoveryOrigins(env: Env, document: Discovery): CheckResult {
  const name = "Issuer and JWKS origin";
  const issuers = acceptedIssuers(document.issuer, env).filter((issuer) => !issuer.endsWith("/"));
  if (mayServeSigningKeys(document.jwks_uri, env.boltApiUrl)) {
    return pass(name, `keys from ${originOf(document.jwks_uri)}; id_tokens accepted from ${issuers.join(", ")}`);
  }
  const origin = originOf(document.jwks_uri);
  return fail(
    name,
    `Bolt's jwks_uri is on ${origin}, neither BOLT_API_URL (${env.boltApiUrl}) nor a Bolt host: sign-in would fail`,
    `Set BOLT_API_URL=${origin}, the origin Bolt's discovery document names.`,
  );
}

const Jwks = z.object({
  keys: z.array(z.object({ kty: z.string(), alg: z.string().optional(), use: z.string().optional() }).loose()),
});

async function signingKey(env: Env, document: Discovery): Promise<CheckResult> {
  const name = "JWKS signing key";
  const fix = "Point BOLT_API_URL at Bolt's API, whose JWKS holds the RS256 key that signs id_tokens.";
  const answer = await fetchText(document.jwks_uri, env.boltTimeoutMs);
  if (!answer.ok) return fail(name, `${document.jwks_uri} could not be reached (${answer.reason})`, fix);
  const jwks = Jwks.safeParse(json(answer.text));
  if (answer.response.status !== 200 || !jwks.success) {
    return fail(name, `${document.jwks_uri} answered ${answer.response.status} without a key set`, fix);
  }
  const rs256 = jwks.data.keys.find(
    (key) => key.kty === "RSA" && (key.alg ?? "RS256") === "RS256" && (key.use ?? "sig") === "sig",
  );
  return rs256
    ? pass(name, `an RS256 key (${jwks.data.keys.length} in the set)`)
    : fail(name, `no RS256 key among ${jwks.data.keys.length}`, fix);
}

const OAuthError = z.object({ error: z.string() });
/** Codes that say the client itself was refused, as opposed to the test code. */
const CLIENT_REFUSED = new Set(["invalid_client", "unauthorized_client", "request_forbidden"]);

/**
 * Exchanges a code that cannot be valid: `invalid_grant` means Bolt accepted the client and refused
 * only the code; `invalid_client` (or a 401/403) means the keys are wrong.
 */
async function clientCredentials(env: Env): Promise<CheckResult> {
  const name = "Client credentials";
  const keys = `BOLT_PUBLISHABLE_KEY ${redact(env.publishableKey)}, BOLT_API_KEY ${redact(env.apiKey)}`;
  const fix =
    "Copy BOLT_PUBLISHABLE_KEY and BOLT_API_KEY from the same division in Bolt's Merchant Dashboard (Developers → API).";
  const answer = await fetchText(`${env.boltApiUrl}/v1/oauth/token`, env.boltTimeoutMs, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Accept: "application/json",
      "X-API-Key": env.apiKey,
      "X-Publishable-Key": env.publishableKey,
    },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: `npm-run-doctor-${Date.now()}`,
      client_id: env.publishableKey,
      client_secret: env.apiKey,
      scope: "bolt.account.manage openid",
    }),
  });
  if (!answer.ok) return fail(name, `the token endpoint could not be reached (${answer.reason})`, API_URL_FIX);
  const { status } = answer.response;
  const code = OAuthError.safeParse(json(answer.text)).data?.error.replace(/\s+/g, "");
  const said = `${status}${code ? ` ${code}` : ""}`;
  if (code === "invalid_grant") return pass(name, `Bolt refused only the test code (${said}): ${keys} accepted`);
  if ((code && CLIENT_REFUSED.has(code)) || status === 401 || status === 403) {
    return fail(name, `Bolt refused the client (${said}) for ${keys}`, fix);
  }
  return fail(name, `the token endpoint answered ${said}, not invalid_grant, for ${keys}`, fix);
}

const JAVASCRIPT = /^(text|application)\/(x-)?(javascript|ecmascript)\b/i;

async function embedScript(env: Env): Promise<CheckResult> {
  const name = "embed.js";
  const url = `${env.boltConnectUrl}/embed.js`;
  const fix =
    "Set BOLT_CONNECT_URL to Bolt's connect origin (https://connect-sandbox.bolt.com for the sandbox), which serves embed.js.";
  const answer = await fetchText(url, env.boltTimeoutMs);
  if (!answer.ok) return fail(name, `${url} could not be reached (${answer.reason})`, fix);
  const type = answer.response.headers.get("content-type") ?? "no content type";
  if (answer.response.status === 200 && JAVASCRIPT.test(type)) return pass(name, `${url} is JavaScript`);
  return fail(name, `${url} answered ${answer.response.status} (${type}), not JavaScript`, fix);
}

/** `.env.development`'s settings as written: the emulator's keys and division. */
function developmentSettings(): Source {
  try {
    return parseDotenv(readFileSync(new URL("../../.env.development", import.meta.url), "utf8"));
  } catch {
    return {};
  }
}

function divisionId(env: Env): CheckResult {
  const name = "BOLT_DIVISION_ID";
  const emulator = developmentSettings();
  if (env.divisionId !== emulator.BOLT_DIVISION_ID) return pass(name, `set (${redact(env.divisionId)})`);
  // The emulator's division belongs with the emulator's keys, and with nobody else's.
  if (env.publishableKey === emulator.BOLT_PUBLISHABLE_KEY) {
    return pass(name, "the emulator's, like the keys (.env.development)");
  }
  return fail(
    name,
    "the emulator's (.env.development) while BOLT_PUBLISHABLE_KEY is another: payments would name the emulator's division",
    "Set BOLT_DIVISION_ID to your division's public id from Bolt's Merchant Dashboard.",
  );
}

/** Production refuses to start without it (lib/env.ts); this says what the running store makes of it. */
function clientIpHeader(env: Env, production: boolean): CheckResult {
  const name = "TRUSTED_IP_HEADER";
  if (env.trustedIpHeader) return pass(name, `${env.trustedIpHeader}: per-client rate limits count the IP it carries`);
  return pass(
    name,
    production
      ? "none: the store is exposed directly, so only the budgets all clients share apply"
      : "unset: no per-client rate limits (production needs your proxy's client-IP header, or none)",
  );
}

/** Roughly how many bits a password holds: its length times log2 of its distinct characters. */
function passwordBits(password: string): number {
  const distinct = new Set(password).size;
  return distinct < 2 ? 0 : password.length * Math.log2(distinct);
}

function sessionPassword(env: Env): CheckResult {
  const name = "SESSION_PASSWORD";
  const passwords = Object.values(env.sessionPasswords);
  // Production refuses it before this check runs.
  if (passwords.includes(DEV_ONLY_SESSION_PASSWORD)) {
    return pass(name, ".env.development's, which anyone can read: fine for development; production needs its own");
  }
  const weak = passwords.filter((password) => passwordBits(password) < MIN_PASSWORD_BITS).length;
  const what = `${passwords.length} password${passwords.length === 1 ? "" : "s"}`;
  if (weak === 0) return pass(name, `${what}, each 32+ characters and varied enough`);
  return fail(
    name,
    `${weak} of ${what} too guessable (repeated or too few distinct characters)`,
    "Set SESSION_PASSWORD to 32+ random characters, e.g. the output of openssl rand -base64 32.",
  );
}

/**
 * The sources a CSP directive allows, e.g. `script-src` → ["'self'", "https://connect.bolt.com"]; without
 * it, `default-src`'s; undefined when neither is there (anything goes).
 */
function effectiveSources(csp: string, name: string): string[] | undefined {
  const directives = csp
    .split(";")
    .map((part) => part.trim().split(/\s+/))
    .filter((parts) => parts[0]);
  const found =
    directives.find(([directiveName]) => directiveName === name) ??
    directives.find(([directiveName]) => directiveName === "default-src");
  return found?.slice(1);
}

const DIRECTIVE_NAMES: Record<BoltDirective, string> = {
  script: "script-src",
  frame: "frame-src",
  img: "img-src",
  connect: "connect-src",
};

/** What a policy leaves out of what Bolt needs: `frame-src http://localhost:4011`, … */
function cspGaps(csp: string, needed: BoltSources): string[] {
  return Object.entries(DIRECTIVE_NAMES).flatMap(([key, name]) => {
    const allowed = effectiveSources(csp, name);
    if (!allowed) return [];
    return needed[key as BoltDirective]
      .filter((source) => !allowed.includes(source))
      .map((source) => `${name} ${source}`);
  });
}

/** Only the account host is missing: the storefront started before BOLT_ACCOUNT_URL was set. */
function accountOnly(gaps: string[], env: Env): boolean {
  return env.boltAccountUrl !== env.boltConnectUrl && gaps.every((gap) => gap.endsWith(` ${env.boltAccountUrl}`));
}

function allowedHosts(needed: BoltSources): string {
  return Object.entries(DIRECTIVE_NAMES)
    .map(([key, name]) => `${name} ${needed[key as BoltDirective].join(" ")}`)
    .join("; ");
}

/**
 * The CSP the storefront sends must let embed.js run, its frames (the connect and account hosts) load,
 * and its images and calls through. Checked on the running storefront when it answers (it reads the
 * BOLT_* URLs when it starts), else as it builds it; either way it prints the Bolt hosts it allows.
 */
async function contentSecurityPolicy(env: Env, production: boolean, storefrontUrl: string): Promise<CheckResult> {
  const name = "CSP allows Bolt";
  const needed = boltSources({ connect: env.boltConnectUrl, account: env.boltAccountUrl, api: env.boltApiUrl });
  const answer = await fetchText(storefrontUrl, STOREFRONT_TIMEOUT_MS);
  const served = answer.ok ? answer.response.headers.get("content-security-policy") : null;
  if (served) {
    const gaps = cspGaps(served, needed);
    return gaps.length === 0
      ? pass(name, `the storefront at ${storefrontUrl} allows Bolt: ${allowedHosts(needed)}`)
      : fail(
          name,
          `the storefront at ${storefrontUrl} leaves out ${gaps.join(", ")}`,
          `Restart the storefront so it reads ${accountOnly(gaps, env) ? "BOLT_ACCOUNT_URL" : "BOLT_CONNECT_URL"} again.`,
        );
  }
  const built = buildSecurityHeaders({
    scripts: { nonce: "doctor" },
    bolt: needed,
    https: (env.appOrigin ?? "").startsWith("https:"),
    development: !production,
  })["Content-Security-Policy"];
  const gaps = cspGaps(built ?? "", needed);
  return gaps.length === 0
    ? pass(name, `${allowedHosts(needed)} (start the storefront to check what it serves)`)
    : fail(
        name,
        `the policy leaves out ${gaps.join(", ")}`,
        "Allow Bolt's hosts from lib/bolt/hosts.ts in lib/http/security-headers.ts.",
      );
}

/** The emulator's secret belongs with the emulator's keys: Bolt signs with the merchant's own. */
function signingSecret(env: Env): CheckResult {
  const name = "BOLT_SIGNING_SECRET";
  const fix = "Set BOLT_SIGNING_SECRET to the signing secret in Bolt's Merchant Dashboard (Developers → API).";
  if (!env.signingSecret) return fail(name, "not set: every webhook from Bolt would be refused", fix);
  const next = env.signingSecretNext ? `; BOLT_SIGNING_SECRET_NEXT ${redact(env.signingSecretNext)} (a rotation)` : "";
  if (env.signingSecret !== DEV_ONLY_SIGNING_SECRET) return pass(name, `set (${redact(env.signingSecret)})${next}`);
  if (env.publishableKey === developmentSettings().BOLT_PUBLISHABLE_KEY) {
    return pass(name, `the emulator's, like the keys (.env.development)${next}`);
  }
  return fail(
    name,
    "the emulator's (.env.development) while the keys are another's: Bolt's webhooks would be refused",
    fix,
  );
}

const WebhookList = z.object({
  webhooks: z
    .array(z.object({ webhook_id: z.string(), url: z.string(), events: z.array(z.string()).nullish() }).loose())
    .nullish(),
});

const REGISTER_FIX =
  "Run npm run bolt -- webhooks register (Bolt must reach APP_ORIGIN; on a laptop, through a tunnel, or rely on the reconciler).";

/** Bolt must send this store every event it acts on, at the URL it serves them on. */
async function webhookRegistered(env: Env, url: string): Promise<CheckResult> {
  const name = "Webhook registered";
  const query = new URLSearchParams({ division_id: env.divisionId });
  const answer = await fetchText(`${env.boltApiUrl}/v1/webhooks?${query}`, env.boltTimeoutMs, {
    headers: { Accept: "application/json", "X-API-Key": env.apiKey },
  });
  if (!answer.ok) return fail(name, `Bolt's webhooks could not be listed (${answer.reason})`, API_URL_FIX);
  const list = WebhookList.safeParse(json(answer.text));
  if (answer.response.status !== 200 || !list.success) {
    return fail(
      name,
      `Bolt answered ${answer.response.status} to listing the division's webhooks`,
      "Check that BOLT_API_KEY and BOLT_DIVISION_ID belong to the same division in Bolt's Merchant Dashboard.",
    );
  }
  const ours = (list.data.webhooks ?? []).filter((webhook) => webhook.url === url);
  if (ours.length === 0) return fail(name, `${url} is not registered at ${env.boltApiUrl}`, REGISTER_FIX);
  const subscribed = ours.some((webhook) => !webhook.events)
    ? new Set<string>(TRANSACTION_EVENT_TYPES)
    : new Set(ours.flatMap((webhook) => webhook.events ?? []));
  const missing = TRANSACTION_EVENT_TYPES.filter((type) => !subscribed.has(type));
  const ids = ours.map((webhook) => webhook.webhook_id).join(", ");
  if (missing.length > 0) {
    return fail(
      name,
      `${url} (${ids}) does not get ${missing.join(", ")}`,
      `Delete it (npm run bolt -- webhooks delete ${ours[0]?.webhook_id}) and run npm run bolt -- webhooks register.`,
    );
  }
  return pass(name, `${url} gets every event the store uses (${ids})`);
}

/** Every check, in order. Never throws; a failed check says what to fix. */
export async function runChecks(source: Source, options: DoctorOptions = {}): Promise<CheckResult[]> {
  const production = isProductionNodeEnv(source.NODE_ENV);
  let env: Env;
  try {
    env = parseEnv(source);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    return [
      fail(
        "Environment",
        error.problems.join("; "),
        "Set each variable named here as .env.example describes (in .env.local).",
      ),
    ];
  }
  const results = [pass("Environment", `${production ? "production" : "development"} settings parse`)];
  const found = await discovery(env);
  results.push(found.result);
  if (found.document) {
    results.push(discoveryOrigins(env, found.document), await signingKey(env, found.document));
  } else {
    results.push(
      skip("Issuer and JWKS origin", "needs the discovery document"),
      skip("JWKS signing key", "needs the discovery document"),
    );
  }
  const storefrontUrl = options.storefrontUrl ?? env.appOrigin ?? `http://localhost:${source.PORT || "3000"}`;
  const credentials = await clientCredentials(env);
  results.push(
    credentials,
    await embedScript(env),
    divisionId(env),
    sessionPassword(env),
    clientIpHeader(env, production),
    await contentSecurityPolicy(env, production, storefrontUrl),
    signingSecret(env),
    credentials.status === "pass"
      ? await webhookRegistered(env, webhookUrlFor(env.appOrigin, source.PORT))
      : skip("Webhook registered", "needs the client credentials"),
  );
  return results;
}
