import { beforeEach, describe, expect, it, vi } from "vitest";
import type { TokenSet } from "@/lib/bolt";
import type { SessionData } from "@/lib/session/schema";
import { ROTATED_TOKENS, sessionFields } from "@/lib/session/testing/sealed-cookie";
import { captureLog } from "@/lib/log/testing/capture";

// Several instances sharing one store, each with its own in-process single-flight: a fresh module
// graph per instance, with the process-wide flights removed so it builds its own. (The store is a
// process-wide singleton too, and stays: that is the sharing.) Errors are made and checked with
// each graph's own classes.

const upstream = vi.hoisted(() => vi.fn<(refreshToken: string, scope: string) => Promise<TokenSet>>());
vi.mock("@/lib/bolt/oauth", () => ({ refreshTokens: upstream, exchangeAuthorizationCode: vi.fn() }));

async function instance() {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("bolt-storefront.refresh-flights")];
  vi.resetModules();
  return {
    ...(await import("./refresh")),
    ...(await import("./errors")),
    ...(await import("@/lib/bolt")),
    ...(await import("@/lib/kv")),
  };
}

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

/** A session inside the refresh window, with a refresh token of its own. */
function session(): SessionData {
  const now = Date.now();
  return { v: 1, sid: "s".repeat(22), createdAt: now, seenAt: now, ...sessionFields({ expiresAt: now + 10_000 }) };
}

const rotated = ROTATED_TOKENS;

beforeEach(() => {
  upstream.mockReset();
  vi.restoreAllMocks();
  captureLog();
});

describe("refreshSession across instances sharing the store", () => {
  it("makes one upstream refresh for three instances at once, and all get the rotated tokens", async () => {
    const bolt = deferred<TokenSet>();
    upstream.mockReturnValue(bolt.promise);
    const [a, b, c] = [await instance(), await instance(), await instance()];
    const current = session();
    const all = Promise.all([a, b, c, a, b, c].map((node) => node.refreshSession(current)));
    setTimeout(() => bolt.resolve(rotated), 150);
    const results = await all;
    expect(upstream).toHaveBeenCalledTimes(1);
    expect(new Set(results.map((result) => result.refreshToken))).toEqual(new Set(["new-refresh"]));
  });

  it("hands the rotated tokens to an instance that sees the old cookie later, without refreshing again", async () => {
    upstream.mockResolvedValue(rotated);
    const current = session();
    await (await instance()).refreshSession(current);
    const later = await (await instance()).refreshSession(current);
    expect(later).toMatchObject({ accessToken: "new-access", refreshToken: "new-refresh", sid: current.sid });
    expect(upstream).toHaveBeenCalledTimes(1);
  });

  it("keeps the hand-off sealed: the kv never holds a token in the clear", async () => {
    upstream.mockResolvedValue(rotated);
    const node = await instance();
    const kv = node.getKv();
    const writes: string[] = [];
    const original = kv.setIfAbsent.bind(kv);
    vi.spyOn(kv, "setIfAbsent").mockImplementation(async (key, value, ttl) => {
      writes.push(`${key}=${value}`);
      return original(key, value, ttl);
    });
    const current = session();
    await node.refreshSession(current);
    const handoff = writes.find((write) => write.startsWith("refresh-handoff:"));
    expect(handoff).toMatch(/=Fe26\.2\*/);
    for (const secret of ["new-access", "new-refresh", current.refreshToken]) {
      expect(writes.join("\n")).not.toContain(secret);
    }
  });

  it("signs out the instances waiting for the winner when Bolt says invalid_grant", async () => {
    const bolt = deferred<TokenSet>();
    upstream.mockReturnValue(bolt.promise);
    const [a, b] = [await instance(), await instance()];
    const current = session();
    const both = Promise.allSettled([a.refreshSession(current), b.refreshSession(current)]);
    setTimeout(() => bolt.reject(new a.BoltOAuthError("refreshTokens: 422 invalid_grant", 422, "invalid_grant")), 100);
    const [first, second] = await both;
    expect(first.status === "rejected" && first.reason instanceof a.SignedOutError).toBe(true);
    expect(second.status === "rejected" && second.reason instanceof b.SignedOutError).toBe(true);
    expect(upstream).toHaveBeenCalledTimes(1);
  });

  it("frees the lock after Bolt trouble, so the next request, on any instance, may try again", async () => {
    const first = await instance();
    upstream
      .mockRejectedValueOnce(new first.BoltUnavailableError("refreshTokens: 503", 503))
      .mockResolvedValueOnce(rotated);
    const current = session();
    await expect(first.refreshSession(current)).rejects.toBeInstanceOf(first.BoltUnavailableError);
    await expect((await instance()).refreshSession(current)).resolves.toMatchObject({ accessToken: "new-access" });
    expect(upstream).toHaveBeenCalledTimes(2);
  });

  it("without the kv, falls back to one refresh per instance (the in-process single-flight)", async () => {
    upstream.mockResolvedValue(rotated);
    const node = await instance();
    const kv = node.getKv();
    vi.spyOn(kv, "get").mockRejectedValue(new node.KvUnavailableError("down"));
    vi.spyOn(kv, "setIfAbsent").mockRejectedValue(new node.KvUnavailableError("down"));
    const current = session();
    const results = await Promise.all([1, 2, 3].map(() => node.refreshSession(current)));
    expect(results.every((result) => result.accessToken === "new-access")).toBe(true);
    expect(upstream).toHaveBeenCalledTimes(1);
  });

  it("never refreshes from an instance that lost the lock, even if the kv fails while it waits", async () => {
    vi.stubEnv("STOREFRONT_TUNING", JSON.stringify({ boltTimeoutMs: 500 }));
    const bolt = deferred<TokenSet>();
    upstream.mockReturnValue(bolt.promise);
    const [a, b] = [await instance(), await instance()];
    const current = session();
    const winner = a.refreshSession(current);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const kv = b.getKv();
    const loser = b.refreshSession(current);
    await new Promise((resolve) => setTimeout(resolve, 20));
    vi.spyOn(kv, "get").mockRejectedValue(new b.KvUnavailableError("down"));
    vi.spyOn(kv, "setIfAbsent").mockRejectedValue(new a.KvUnavailableError("down"));
    bolt.resolve(rotated);
    await expect(winner).resolves.toMatchObject({ accessToken: "new-access" });
    // It gives up when the lock would expire (Bolt's timeout + 2 s) and keeps its session meanwhile.
    await expect(loser).rejects.toBeInstanceOf(b.RefreshPendingError);
    expect(upstream).toHaveBeenCalledTimes(1);
    vi.unstubAllEnvs();
  });
});
