import { beforeEach, describe, expect, it, vi } from "vitest";
import { BoltOAuthError } from "@/lib/bolt/errors";
import { verifyIdToken } from "@/lib/bolt/id-token";
import { exchangeAuthorizationCode } from "@/lib/bolt/oauth";
import { MAX_ACCESS_TOKEN_LENGTH, MAX_REFRESH_TOKEN_LENGTH } from "@/lib/bolt/token-format";
import { jwtShapedToken } from "@/lib/session/testing/sealed-cookie";
import { signIn } from "./sign-in";

// Next's cookie store as a route handler sees it: what the handler writes is what the browser gets.
const writes = vi.hoisted(() => [] as string[]);
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, set: (name: string) => void writes.push(name) }),
}));
vi.mock("@/lib/bolt/oauth", () => ({ exchangeAuthorizationCode: vi.fn(), refreshTokens: vi.fn() }));
vi.mock("@/lib/bolt/id-token", () => ({ verifyIdToken: vi.fn() }));

function post(code: string) {
  return new Request("http://localhost:3000/api/bolt/session", {
    method: "POST",
    headers: { host: "localhost:3000", origin: "http://localhost:3000", "content-type": "application/json" },
    body: JSON.stringify({ code, scope: "bolt.account.manage" }),
  });
}

beforeEach(() => {
  writes.length = 0;
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  vi.mocked(exchangeAuthorizationCode).mockResolvedValue({
    accessToken: jwtShapedToken(MAX_ACCESS_TOKEN_LENGTH),
    refreshToken: jwtShapedToken(MAX_REFRESH_TOKEN_LENGTH),
    expiresAt: Date.now() + 3_600_000,
    scope: "bolt.account.manage openid",
    refreshTokenScope: "bolt.account.view",
    idToken: "id-token",
  });
});

describe("signIn", () => {
  it("sets the session cookie for the largest tokens it accepts, with a Bolt-sized profile", async () => {
    vi.mocked(verifyIdToken).mockResolvedValue({ sub: "shopper_1", email: "alice@example.com", firstName: "Alice" });
    const response = await signIn(post("code-fits"));
    expect(response.status).toBe(200);
    expect(writes).toEqual(["bolt_session"]);
  });

  it("answers a clear 502 and sets no cookie when Bolt's tokens and profile cannot fit in one cookie", async () => {
    vi.mocked(verifyIdToken).mockResolvedValue({
      sub: "s".repeat(256),
      email: `${"e".repeat(242)}@example.com`,
      firstName: "A".repeat(64),
    });
    const response = await signIn(post("code-too-large"));
    expect(response.status).toBe(502);
    await expect(response.json()).resolves.toMatchObject({ error: "session_too_large" });
    expect(writes).toEqual([]);
  });

  it.each([
    ["the spec's 422", 422],
    ["Bolt's sandbox's 400", 400],
  ])("refuses the sign-in, setting no cookie, when Bolt answers invalid_grant with %s", async (_name, status) => {
    vi.mocked(exchangeAuthorizationCode).mockRejectedValue(
      new BoltOAuthError(`exchangeAuthorizationCode: Bolt answered ${status} invalid_grant`, status, "invalid_grant"),
    );
    const response = await signIn(post(`code-rejected-${status}`));
    expect(response.status).toBe(422);
    await expect(response.json()).resolves.toMatchObject({ error: "code_rejected" });
    expect(writes).toEqual([]);
  });
});
