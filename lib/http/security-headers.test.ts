import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildApiSecurityHeaders, buildSecurityHeaders } from "./security-headers";

const input = {
  scripts: { nonce: "bm9uY2U=" },
  connectOrigin: "https://connect-sandbox.bolt.com",
  apiOrigin: "https://api-sandbox.bolt.com",
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
      // 'self' and the connect origin: ignored where 'strict-dynamic' is known, the fallback elsewhere.
      "script-src": "'nonce-bm9uY2U=' 'strict-dynamic' 'self' https://connect-sandbox.bolt.com",
      "style-src": "'self' 'unsafe-inline'",
      "img-src": "'self' data: blob:",
      "connect-src": "'self' https://connect-sandbox.bolt.com https://api-sandbox.bolt.com",
      "frame-src": "https://connect-sandbox.bolt.com",
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
    expect(csp["script-src"]).toBe(
      "'sha256-AAAA' 'sha256-BBBB' 'strict-dynamic' 'self' https://connect-sandbox.bolt.com",
    );
    expect(csp["frame-src"]).toBe("https://connect-sandbox.bolt.com");
    expect(csp["connect-src"]).toBe("'self' https://connect-sandbox.bolt.com https://api-sandbox.bolt.com");
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
    const local = buildSecurityHeaders({
      ...input,
      https: false,
      development: true,
      connectOrigin: "http://localhost:4010",
      apiOrigin: "http://localhost:4010",
    });
    expect(local).not.toHaveProperty("Strict-Transport-Security");
    const csp = directives(local["Content-Security-Policy"]);
    expect(csp["connect-src"]).toBe("'self' http://localhost:4010");
    expect(csp["script-src"]).toBe("'nonce-bm9uY2U=' 'strict-dynamic' 'self' http://localhost:4010 'unsafe-eval'");
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
