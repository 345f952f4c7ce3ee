import fc from "fast-check";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { BoltOAuthError, BoltUnavailableError } from "@/lib/bolt";
import { refreshTokens } from "@/lib/bolt/oauth";
import type { SessionData } from "@/lib/session/schema";
import { ROTATED_TOKENS } from "@/lib/session/testing/sealed-cookie";
import { SignedOutError } from "./errors";
import { needsRefresh, refreshSession } from "./refresh";

vi.mock("@/lib/bolt/oauth", () => ({ refreshTokens: vi.fn(), exchangeAuthorizationCode: vi.fn() }));
const upstream = vi.mocked(refreshTokens);

let counter = 0;
/** Each test gets its own refresh token: in-flight refreshes are shared process-wide by token. */
function session(overrides: Partial<SessionData> = {}): SessionData {
  counter += 1;
  return {
    v: 1,
    sid: "s".repeat(22),
    accessToken: "old-access",
    refreshToken: `rt-${counter}-${Math.random()}`,
    expiresAt: Date.now() + 10_000,
    scope: "bolt.account.manage openid",
    refreshTokenScope: "bolt.account.view",
    sub: "shopper_alice",
    email: "alice@example.com",
    createdAt: Date.now(),
    seenAt: Date.now(),
    ...overrides,
  };
}

const rotated = ROTATED_TOKENS;

beforeEach(() => {
  upstream.mockReset();
});

describe("needsRefresh", () => {
  it("is true within a minute of expiry, false before", () => {
    expect(needsRefresh(session({ expiresAt: Date.now() + 59_000 }))).toBe(true);
    expect(needsRefresh(session({ expiresAt: Date.now() - 1 }))).toBe(true);
    expect(needsRefresh(session({ expiresAt: Date.now() + 61_000 }))).toBe(false);
  });
});

describe("refreshSession", () => {
  it("makes exactly one upstream call for N concurrent callers, in any interleaving, and all get the same tokens", async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.constantFrom(2, 10, 50), async (s, callers) => {
        upstream.mockReset();
        upstream.mockImplementation(() => s.schedule(Promise.resolve(rotated), "Bolt answers"));
        const current = session();
        const all = Promise.all(
          Array.from({ length: callers }, (_, index) =>
            s.schedule(Promise.resolve(index), `request ${index}`).then(() => refreshSession(current)),
          ),
        );
        const results = await s.waitFor(all);
        expect(upstream).toHaveBeenCalledTimes(1);
        expect(upstream).toHaveBeenCalledWith(current.refreshToken, "bolt.account.view");
        expect(new Set(results.map((result) => result.accessToken))).toEqual(new Set(["new-access"]));
      }),
      { numRuns: 100 },
    );
  });

  it("stores the rotated refresh token and the narrowed scope, keeping identity and sign-in time", async () => {
    upstream.mockResolvedValue(rotated);
    const current = session();
    await expect(refreshSession(current)).resolves.toEqual({
      ...current,
      // The next version: a cookie of the one it replaces is never written again.
      ver: 1,
      accessToken: "new-access",
      refreshToken: "new-refresh",
      expiresAt: rotated.expiresAt,
      scope: "bolt.account.view",
    });
  });

  it("keeps the old refresh token when Bolt returns none", async () => {
    upstream.mockResolvedValue({ ...rotated, refreshToken: undefined, refreshTokenScope: undefined });
    const current = session();
    await expect(refreshSession(current)).resolves.toMatchObject({
      refreshToken: current.refreshToken,
      refreshTokenScope: "bolt.account.view",
    });
  });

  it("turns invalid_grant into SignedOutError for every concurrent caller", async () => {
    upstream.mockRejectedValue(
      new BoltOAuthError("refreshTokens: Bolt answered 422 invalid_grant", 422, "invalid_grant"),
    );
    const current = session();
    const results = await Promise.allSettled([
      refreshSession(current),
      refreshSession(current),
      refreshSession(current),
    ]);
    expect(results.map((result) => result.status === "rejected" && result.reason instanceof SignedOutError)).toEqual([
      true,
      true,
      true,
    ]);
    expect(upstream).toHaveBeenCalledTimes(1);
  });

  it("rethrows Bolt trouble as is, and lets the next request try again", async () => {
    upstream
      .mockRejectedValueOnce(new BoltUnavailableError("refreshTokens: Bolt answered 503", 503))
      .mockResolvedValueOnce(rotated);
    const current = session();
    await expect(refreshSession(current)).rejects.toBeInstanceOf(BoltUnavailableError);
    await expect(refreshSession(current)).resolves.toMatchObject({ accessToken: "new-access" });
    expect(upstream).toHaveBeenCalledTimes(2);
  });
});
