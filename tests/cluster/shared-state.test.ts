import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_TUNING } from "@/tests/support/test-env.mjs";
import { bolt, expectRefused, sessionCookieOf, tokenCalls, unseal } from "../integration/helpers";
import { closeBrowser, guestPayInBrowser, placeOrderInBrowser } from "./browser";
import { startCluster, type Cluster } from "./harness";
import { load, logOut, postCode, signedIn } from "./shop";

// The storefront on two instances behind a round-robin balancer, sharing a Redis, must behave as
// one storefront. The same scenarios run on one in-memory instance, the default deployment.

/**
 * Limits low enough to reach in a test, high enough for the rest of this file. Redis gets a second
 * to answer: two cores run both instances, the emulator, Redis and this test, and a busy event
 * loop must not pass for a slow Redis here.
 */
const ENV = {
  TRUSTED_IP_HEADER: "X-Client-IP",
  STOREFRONT_TUNING: JSON.stringify({
    ...TEST_TUNING,
    redisTimeoutMs: 1000,
    rateLimits: {
      ...TEST_TUNING.rateLimits,
      signInPerIp: "5/1m",
      tokenExchanges: "40/5s",
      placeOrderPerSession: "2/1m",
      guestPaymentsPerIp: "1/1m",
      guestPayments: "2/1m",
    },
  }),
};

const LOGS = ".test-run/cluster";
/** A code of Bolt's shape that Bolt never issued: it reaches Bolt, which refuses it. */
const junkCode = () => `junk${randomBytes(24).toString("base64url")}.${randomBytes(32).toString("base64url")}`;
const randomIp = () => `198.51.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const codeExchanges = async (email: string) => (await tokenCalls(email, "authorization_code")).length;
const refreshes = async (email: string) => (await tokenCalls(email, "refresh_token")).length;
const authorizations = async (email: string) =>
  (await bolt.requests({ email, path: "/v1/merchant/transactions/authorize" })).length;

/** A shopper with a saved address and card, and a fresh code from Bolt's modal to sign in with. */
async function shopperWithCard() {
  const shopper = await bolt.signedInShopper();
  await bolt.saveTestCard(shopper.tokens.access_token);
  return { email: shopper.email, code: await bolt.loginCode(shopper.email) };
}

describe.each([
  { mode: "Redis, two instances", instances: 2, redis: true },
  { mode: "in memory, one instance", instances: 1, redis: false },
])("$mode", ({ instances, redis }) => {
  let cluster: Cluster;
  /** Instance i, wrapping around: with one instance, "the other one" is the same. */
  const at = (i: number) => cluster.instances[i % cluster.instances.length] ?? "";

  beforeAll(async () => {
    cluster = await startCluster({ instances, redis, env: ENV, logPrefix: `${LOGS}-${redis ? "redis" : "memory"}` });
  });
  afterAll(async () => {
    await closeBrowser();
    await cluster?.stop();
  });

  it("exchanges a code posted to both instances at once exactly once, and makes at most one session", async () => {
    const shopper = await bolt.createShopper();
    const answers = await Promise.all(
      [0, 1, 0, 1].map((i) =>
        postCode(at(i), cluster.url, shopper.oauthCode, { attempt: `client-${i}-${Math.random()}`.replace(".", "") }),
      ),
    );
    const winners = answers.filter((answer) => answer.status === 200);
    expect(winners).toHaveLength(1);
    for (const answer of answers.filter((other) => other.status !== 200)) {
      expect([409, 422]).toContain(answer.status);
      await expectRefused(answer, answer.status);
    }
    expect(await codeExchanges(shopper.email)).toBe(1);
  });

  it("gives a double submit from one tab, landing on both instances, one and the same session", async () => {
    const shopper = await bolt.createShopper();
    const attempt = "one-tab-nonce-0000000001";
    const answers = await Promise.all([0, 1].map((i) => postCode(at(i), cluster.url, shopper.oauthCode, { attempt })));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    const sessions = await Promise.all(answers.map((answer) => unseal(sessionCookieOf(answer) ?? "")));
    expect(sessions[0]?.sid).toBe(sessions[1]?.sid);
    expect(await codeExchanges(shopper.email)).toBe(1);
  });

  it("refreshes an expiring token once for 20 parallel renders over both instances; the old cookie then still works on each", async () => {
    const shopper = await bolt.createShopper();
    // Inside the proxy's 60-second refresh window from the start.
    await bolt.setLifetimes(shopper.email, { accessTokenTtlSeconds: 30 });
    const old = await signedIn(cluster.url, cluster.url, shopper.oauthCode);
    const before = await unseal(old);
    const pages = await Promise.all(Array.from({ length: 20 }, () => load(cluster.url, old)));
    if (instances > 1) expect(Math.min(...cluster.hits)).toBeGreaterThan(0);
    expect(pages.map((page) => page.status)).toEqual(Array(20).fill(200));
    expect(pages.every((page) => page.signedIn)).toBe(true);
    const rotated = await Promise.all(pages.map((page) => unseal(page.cookie ?? "")));
    expect(new Set(rotated.map((session) => session.refreshToken)).size).toBe(1);
    expect(rotated[0]?.refreshToken).not.toBe(before.refreshToken);
    expect(rotated[0]?.sid).toBe(before.sid);
    expect(await refreshes(shopper.email)).toBe(1);

    // A request the browser sent with the old cookie, late, on either instance: the same new tokens.
    for (const instance of cluster.instances) {
      const late = await load(instance, old);
      expect(late.status).toBe(200);
      expect(late.signedIn).toBe(true);
      expect((await unseal(late.cookie ?? "")).refreshToken).toBe(rotated[0]?.refreshToken);
    }
    expect(await refreshes(shopper.email)).toBe(1);
  });

  it("refuses a cookie logged out on one instance on the other one too", async () => {
    const shopper = await bolt.createShopper();
    const cookie = await signedIn(at(0), cluster.url, shopper.oauthCode);
    expect((await load(at(1), cookie)).signedIn).toBe(true);
    expect((await logOut(at(0), cluster.url, cookie)).status).toBe(200);
    const replay = await load(at(1), cookie);
    expect(replay.status).toBe(200);
    expect(replay.signedIn).toBe(false);
    expect(replay.cleared).toBe(true);
  });

  it("holds the per-IP sign-in limit across both instances, with 429 JSON and Retry-After", async () => {
    const ip = randomIp();
    const answers: Response[] = [];
    for (let i = 0; i < 7; i++) answers.push(await postCode(cluster.url, cluster.url, junkCode(), { ip }));
    // Five reach Bolt (and are refused there: junk), the sixth and seventh, on either instance, do not.
    expect(answers.map((answer) => answer.status)).toEqual([422, 422, 422, 422, 422, 429, 429]);
    for (const limited of answers.slice(5)) {
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      await expectRefused(limited, 429);
    }
    // Another client is not held back by it.
    expect((await postCode(cluster.url, cluster.url, junkCode(), { ip: randomIp() })).status).toBe(422);
  });

  it("holds the global budget of code exchanges across both instances, then lets sign-ins through again", async () => {
    /** Posts junk codes until one is refused; returns how many got through and the Retry-After. */
    const exhaust = async (most: number) => {
      for (let passed = 0; passed <= most; passed++) {
        const answer = await postCode(cluster.url, cluster.url, junkCode());
        if (answer.status === 429) return { passed, retryAfter: Number(answer.headers.get("retry-after")) };
        expect(answer.status).toBe(422);
      }
      throw new Error(`no 429 after ${most + 1} sign-ins`);
    };
    const pause = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 200));
    // Whatever earlier tests spent: use up this window, wait for the next one.
    await pause((await exhaust(80)).retryAfter);

    const before = await allCodeExchanges();
    const { passed, retryAfter } = await exhaust(40);
    // A fresh window: exactly the budget got through, over both instances, and only those reached Bolt.
    expect(passed).toBe(40);
    expect((await allCodeExchanges()) - before).toBe(40);
    // The next request, on the other instance, is refused too: the budget is one for all.
    expect((await postCode(cluster.url, cluster.url, junkCode())).status).toBe(429);
    await pause(retryAfter);
    const shopper = await bolt.createShopper();
    expect((await postCode(cluster.url, cluster.url, shopper.oauthCode)).status).toBe(200);
  }, 40_000);

  it("holds the place-order attempts per shopper across both instances, however many sessions they open", async () => {
    const shopper = await shopperWithCard();
    const cookie = await signedIn(cluster.url, cluster.url, shopper.code);
    const another = await signedIn(cluster.url, cluster.url, await bolt.loginCode(shopper.email));
    const results = [];
    for (const [i, session] of [
      [0, cookie],
      [1, cookie],
      [0, another],
    ] as const) {
      results.push(await placeOrderInBrowser(at(i), session));
    }
    expect(results.slice(0, 2).map((result) => result.placed)).toEqual([true, true]);
    expect(results[2]).toMatchObject({ placed: false, message: expect.stringMatching(/Too many order attempts/) });
    expect(await authorizations(shopper.email)).toBe(2);
  }, 60_000);

  it("holds guest payments per client IP and overall across both instances", async () => {
    const [first, second, third] = [randomIp(), randomIp(), randomIp()];
    const results = [
      await guestPayInBrowser(at(0), first),
      await guestPayInBrowser(at(1), first),
      await guestPayInBrowser(at(1), second),
      await guestPayInBrowser(at(0), third),
    ];
    // Per IP: the same client's second payment, on the other instance, is refused; the next client
    // pays; then the budget of all guests together is spent, whoever asks.
    expect(results.map((result) => result.placed)).toEqual([true, false, true, false]);
    for (const refused of [results[1], results[3]]) {
      expect(refused).toMatchObject({ message: expect.stringMatching(/Too many order attempts/) });
    }
  }, 90_000);

  // Only the Redis deployment has a Redis to lose.
  if (redis) describeRedisFailures(() => cluster, at);
});

function describeRedisFailures(clusterOf: () => Cluster, at: (i: number) => string) {
  describe("when Redis fails", () => {
    it("while Redis is slow: sign-in answers 503 within its timeout, pages render signed in", async () => {
      const shopper = await bolt.createShopper();
      const cookie = await signedIn(clusterOf().url, clusterOf().url, (await bolt.createShopper()).oauthCode);
      clusterOf().redis?.pause();
      try {
        const started = Date.now();
        const answer = await postCode(clusterOf().url, clusterOf().url, shopper.oauthCode);
        expect(Date.now() - started).toBeLessThan(2500);
        expect(answer.status).toBe(503);
        for (const instance of clusterOf().instances) expect((await load(instance, cookie)).signedIn).toBe(true);
      } finally {
        clusterOf().redis?.resume();
      }
      expect(await codeExchanges(shopper.email)).toBe(0);
    });

    it("stopped mid-test: the documented behaviour and no 5xx page; back: recovery without a restart", async () => {
      const redisServer = clusterOf().redis;
      if (!redisServer) throw new Error("no Redis in this cluster");
      const staying = await shopperWithCard();
      const stay = await signedIn(clusterOf().url, clusterOf().url, staying.code);
      const leaving = await bolt.createShopper();
      const leave = await signedIn(clusterOf().url, clusterOf().url, leaving.oauthCode);
      const expiring = await bolt.createShopper();
      await bolt.setLifetimes(expiring.email, { accessTokenTtlSeconds: 30 });
      const expiringCookie = await signedIn(clusterOf().url, clusterOf().url, expiring.oauthCode);
      const newcomer = await bolt.createShopper();

      await redisServer.stop();
      try {
        // Sign-in: a clear 503 JSON, and Bolt is not asked (a code must never be exchanged twice).
        const refused = await postCode(clusterOf().url, clusterOf().url, newcomer.oauthCode);
        await expectRefused(refused, 503);
        expect(await codeExchanges(newcomer.email)).toBe(0);

        // Pages render with the session, on every instance, and never as a 5xx; static pages
        // learn it from the header's GET /api/bolt/session.
        for (const instance of clusterOf().instances) {
          expect((await load(instance, stay, "/")).status, `/ on ${instance}`).toBe(200);
          for (const path of ["/api/bolt/session", "/checkout", "/cart"]) {
            const page = await load(instance, stay, path);
            expect(page.status, `${path} on ${instance}`).toBe(200);
            expect(page.signedIn).toBe(true);
          }
        }

        // The refresh falls back to this instance's single-flight: still one refresh, still signed in.
        const refreshed = await Promise.all([1, 2, 3].map(() => load(at(0), expiringCookie)));
        expect(refreshed.every((page) => page.status === 200 && page.signedIn && page.cookie)).toBe(true);
        expect(await refreshes(expiring.email)).toBe(1);

        // Logout signs the shopper out; this instance refuses the old cookie at once.
        const logout = await logOut(at(0), clusterOf().url, leave);
        expect(logout.status).toBe(200);
        expect((await load(at(0), leave)).signedIn, "logged-out cookie, same instance, outage").toBe(false);

        // Placing an order needs a confirmed "not logged out": the shopper is asked to try again, nothing is charged.
        const order = await placeOrderInBrowser(at(1), stay);
        expect(order).toMatchObject({ placed: false, message: expect.stringMatching(/try again/i) });
        expect(await authorizations(staying.email)).toBe(0);
      } finally {
        await redisServer.start();
      }

      // Recovery, with no restart: sign-in works again within the client's reconnect delay.
      const back = await bolt.createShopper();
      let status = 0;
      for (let tries = 0; tries < 50 && status !== 200; tries++) {
        const answer = await postCode(at(0), clusterOf().url, back.oauthCode, { attempt: "recovery-nonce-00000001" });
        status = answer.status;
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(status).toBe(200);
      // The logout made during the outage reaches the store with the next check on its instance that
      // the store answers in time (a loaded machine can still miss the 250 ms budget right after the
      // restart)…
      await expect
        .poll(
          async () => {
            expect((await load(at(0), stay)).signedIn, "after recovery, same instance").toBe(true);
            return (await load(at(1), leave)).signedIn;
          },
          { message: "logged-out cookie, other instance, after recovery", timeout: 10_000 },
        )
        .toBe(false);
      // …and from then on the other instance refuses that cookie for good.
      expect((await load(at(1), leave)).signedIn, "logged-out cookie, other instance, later").toBe(false);
      // Orders go through again.
      expect(await placeOrderInBrowser(at(1), stay)).toMatchObject({ placed: true });
    }, 90_000);
  });
}

async function allCodeExchanges(): Promise<number> {
  return (await bolt.requests({ path: "/v1/oauth/token", grantType: "authorization_code" })).length;
}
