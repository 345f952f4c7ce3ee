import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { boltSources } from "@/lib/bolt/hosts";
import { buildApiSecurityHeaders, buildSecurityHeaders } from "./security-headers";

const EMULATOR = "http://localhost:4010";

/** The emulator's one origin, as in development: the policy names nothing else of Bolt's. */
const input = {
  scripts: { nonce: "bm9uY2U=" },
  bolt: boltSources({ connect: EMULATOR, account: EMULATOR, api: EMULATOR }),
  https: true,
  development: false,
};

function directives(csp: string | undefined): Record<string, string> {
  return Object.fromEntries(
    (csp ?? "").split("; ").map((directive) => [directive.split(" ")[0], directive.split(" ").slice(1).join(" ")]),
  );
}

describe("buildSecurityHeaders", () => {
  it("runs only scripts with this request's nonce and what they load ('strict-dynamic'), and reports violations", () => {
    const csp = directives(buildSecurityHeaders(input)["Content-Security-Policy"]);
    expect(csp).toEqual({
      "default-src": "'self'",
      // 'self' and Bolt's origin: ignored where 'strict-dynamic' is known, the fallback elsewhere.
      "script-src": `'nonce-bm9uY2U=' 'strict-dynamic' 'self' ${EMULATOR}`,
      "style-src": "'self' 'unsafe-inline'",
      "img-src": `'self' data: blob: ${EMULATOR}`,
      "connect-src": `'self' ${EMULATOR}`,
      "frame-src": EMULATOR,
      "frame-ancestors": "'none'",
      "object-src": "'none'",
      "base-uri": "'none'",
      "form-action": "'self'",
      "report-uri": "/api/csp-report",
    });
  });

  it("gives a static page the hashes of its scripts instead of a nonce, and the same Bolt origins", () => {
    const hashes = ["'sha256-AAAA'", "'sha256-BBBB'"];
    const csp = directives(buildSecurityHeaders({ ...input, scripts: { hashes } })["Content-Security-Policy"]);
    expect(csp["script-src"]).toBe(`'sha256-AAAA' 'sha256-BBBB' 'strict-dynamic' 'self' ${EMULATOR}`);
    expect(csp["frame-src"]).toBe(EMULATOR);
    expect(csp["connect-src"]).toBe(`'self' ${EMULATOR}`);
  });

  it("allows Bolt's account host and the second origin it is moving to, as Bolt's own integrations do", () => {
    const sandbox = boltSources({
      connect: "https://connect-sandbox.bolt.com",
      account: "https://account-sandbox.bolt.com",
      api: "https://api-sandbox.bolt.com",
    });
    const csp = directives(buildSecurityHeaders({ ...input, bolt: sandbox })["Content-Security-Policy"]);
    const sources = (name: string) => (csp[name] ?? "").split(" ");
    for (const host of ["connect-sandbox", "account-sandbox"]) {
      for (const domain of ["bolt.com", "boltapp.com"]) {
        for (const name of ["script-src", "frame-src", "img-src", "connect-src"])
          expect(sources(name)).toContain(`https://${host}.${domain}`);
      }
    }
    expect(sources("connect-src")).toEqual(
      expect.arrayContaining(["https://api-sandbox.bolt.com", "https://api-sandbox.boltapp.com"]),
    );
    expect(sources("img-src")).toContain("https://img.bolt.com");
    expect(sources("frame-src")).not.toContain("https://api-sandbox.bolt.com");
    // A sandbox store allows no production host.
    expect(Object.values(csp).join(" ")).not.toMatch(/https:\/\/(connect|account|api)\.bolt/);
  });

  it("allows a second emulator origin for its login modal when BOLT_ACCOUNT_URL names one", () => {
    const bolt = boltSources({ connect: EMULATOR, account: "http://localhost:4011", api: EMULATOR });
    const csp = directives(buildSecurityHeaders({ ...input, bolt })["Content-Security-Policy"]);
    expect(csp["frame-src"]).toBe(`${EMULATOR} http://localhost:4011`);
    expect(csp["img-src"]).toBe(`'self' data: blob: ${EMULATOR} http://localhost:4011`);
  });

  it("reports, without enforcing yet, a style policy without 'unsafe-inline': nonced elements, hashed attributes", () => {
    const styles = directives(buildSecurityHeaders(input)["Content-Security-Policy-Report-Only"]);
    expect(styles).toEqual({
      "style-src-elem": "'self' 'nonce-bm9uY2U='",
      "style-src-attr": "'unsafe-hashes' 'sha256-zlqnbDt84zf1iSefLU/ImC54isoprH/MRiVZGskwexk='",
      "report-uri": "/api/csp-report",
    });
    // next/image's one style attribute, and no other, is what that hash allows.
    const hash = createHash("sha256").update("color:transparent").digest("base64");
    expect(styles["style-src-attr"]).toContain(`'sha256-${hash}'`);
  });

  it("sends the referrer, nosniff, permissions and HSTS headers on https", () => {
    expect(buildSecurityHeaders(input)).toMatchObject({
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Content-Type-Options": "nosniff",
      "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
      "Permissions-Policy": expect.stringContaining("camera=()"),
    });
  });

  it("leaves HSTS out on plain http, lists one origin once, and allows eval only in development", () => {
    const local = buildSecurityHeaders({ ...input, https: false, development: true });
    expect(local).not.toHaveProperty("Strict-Transport-Security");
    const csp = directives(local["Content-Security-Policy"]);
    expect(csp["connect-src"]).toBe(`'self' ${EMULATOR}`);
    expect(csp["script-src"]).toBe(`'nonce-bm9uY2U=' 'strict-dynamic' 'self' ${EMULATOR} 'unsafe-eval'`);
  });
});

describe("buildApiSecurityHeaders", () => {
  it("allows nothing to render and keeps nosniff and the referrer policy", () => {
    expect(buildApiSecurityHeaders({ https: false })).toEqual({
      "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Content-Type-Options": "nosniff",
      "Permissions-Policy": expect.any(String),
    });
  });
});
