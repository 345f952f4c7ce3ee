import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startRedis } from "@/tests/support/redis-server.mjs";
import { MemoryKv } from "./memory";
import { RedisKv } from "./redis";
import { KvUnavailableError, type Kv } from "./types";

// The same contract for both implementations, against a real redis-server on a free port.

let redis: Awaited<ReturnType<typeof startRedis>>;
let redisStore: RedisKv;
const errors: Error[] = [];

beforeAll(async () => {
  redis = await startRedis();
  redisStore = new RedisKv(redis.url, 250, (error) => errors.push(error));
}, 20_000);

afterAll(async () => {
  await redisStore?.close();
  await redis?.stop();
});

let n = 0;
const fresh = (name: string) => `test:${name}:${process.pid}:${++n}:${Math.random()}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const memoryStore = new MemoryKv(1000);

describe.each<[string, () => Kv]>([
  ["MemoryKv", () => memoryStore],
  ["RedisKv", () => redisStore],
])("%s", (_name, kv) => {
  it("sets a key only if it is absent, and keeps the first value", async () => {
    const key = fresh("nx");
    await expect(kv().setIfAbsent(key, "first", 10_000)).resolves.toBe(true);
    await expect(kv().setIfAbsent(key, "second", 10_000)).resolves.toBe(false);
    await expect(kv().get(key)).resolves.toBe("first");
  });

  it("lets exactly one of 50 concurrent set-if-absent calls win", async () => {
    const key = fresh("race");
    const wins = await Promise.all(Array.from({ length: 50 }, (_, i) => kv().setIfAbsent(key, String(i), 10_000)));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it("forgets a key after its expiry, and after delete", async () => {
    const key = fresh("ttl");
    await kv().setIfAbsent(key, "v", 100);
    await sleep(150);
    await expect(kv().get(key)).resolves.toBeUndefined();
    await expect(kv().setIfAbsent(key, "again", 10_000)).resolves.toBe(true);
    await kv().delete(key);
    await expect(kv().get(key)).resolves.toBeUndefined();
  });

  it("counts atomically, with an expiry set by the first increment only", async () => {
    const key = fresh("count");
    const counts = await Promise.all(Array.from({ length: 20 }, () => kv().increment(key, 1000)));
    expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const { resetInMs } of counts) {
      expect(resetInMs).toBeGreaterThan(0);
      expect(resetInMs).toBeLessThanOrEqual(1000);
    }
    await sleep(300);
    const later = await kv().increment(key, 1000);
    expect(later.count).toBe(21);
    expect(later.resetInMs).toBeLessThanOrEqual(750);
    await sleep(later.resetInMs + 50);
    await expect(kv().increment(key, 1000)).resolves.toEqual({ count: 1, resetInMs: 1000 });
  });
});

describe("MemoryKv bounds", () => {
  it("refuses a write when full instead of evicting a live entry, and frees room as entries expire", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: 1_000_000 });
    try {
      const kv = new MemoryKv(3);
      await kv.setIfAbsent("in-flight", "1", 60_000);
      await kv.setIfAbsent("b", "1", 1_000);
      await kv.setIfAbsent("c", "1", 1_000);
      await expect(kv.setIfAbsent("d", "1", 1_000)).rejects.toBeInstanceOf(KvUnavailableError);
      expect(kv.size).toBe(3);
      await expect(kv.get("in-flight")).resolves.toBe("1");
      vi.setSystemTime(1_000_000 + 10_000);
      await expect(kv.setIfAbsent("d", "1", 1_000)).resolves.toBe(true);
      expect(kv.size).toBe(2);
      await expect(kv.get("in-flight")).resolves.toBe("1");
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps counters apart: a flood of made-up clients evicts counters, never a lock, and keeps the busy ones", async () => {
    const kv = new MemoryKv(3, 100);
    await kv.setIfAbsent("refresh-lock:x", "1", 60_000);
    await kv.setIfAbsent("denied:sid", "1", 60_000);
    await kv.increment("rate:guestPayments:all", 60_000);
    for (let i = 0; i < 10_000; i++) {
      await kv.increment(`rate:guestPaymentsPerIp:${i}`, 60_000);
      // The shared budget is counted with every client's.
      await kv.increment("rate:guestPayments:all", 60_000);
    }
    expect(kv.counterCount).toBe(100);
    await expect(kv.get("rate:guestPayments:all")).resolves.toBe("10001");
    await expect(kv.get("refresh-lock:x")).resolves.toBe("1");
    await expect(kv.get("denied:sid")).resolves.toBe("1");
    await expect(kv.setIfAbsent("code:abc", "1", 60_000)).resolves.toBe(true);
  });
});

describe("RedisKv when Redis fails", () => {
  it("gives up after its timeout when Redis stops answering, then works again once it does", async () => {
    const key = fresh("slow");
    await redisStore.setIfAbsent(key, "v", 60_000);
    redis.pause();
    try {
      const started = Date.now();
      await expect(redisStore.get(key)).rejects.toBeInstanceOf(KvUnavailableError);
      expect(Date.now() - started).toBeLessThan(600);
    } finally {
      redis.resume();
    }
    await expect(redisStore.get(key)).resolves.toBe("v");
  });

  it("fails fast while Redis is down, and reconnects by itself when it is back: no restart", async () => {
    await redis.stop();
    try {
      await sleep(100);
      const started = Date.now();
      await expect(redisStore.setIfAbsent(fresh("down"), "v", 1000)).rejects.toBeInstanceOf(KvUnavailableError);
      await expect(redisStore.increment(fresh("down"), 1000)).rejects.toBeInstanceOf(KvUnavailableError);
      expect(Date.now() - started).toBeLessThan(600);
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      await redis.start();
    }
    const key = fresh("back");
    await vi.waitFor(() => expect(redisStore.setIfAbsent(key, "v", 1000)).resolves.toBe(true), {
      timeout: 5000,
      interval: 100,
    });
    await expect(redisStore.get(key)).resolves.toBe("v");
  });

  it("fails within its timeout when Redis is unreachable from the start", async () => {
    const nowhere = new RedisKv("redis://127.0.0.1:1", 200, () => undefined);
    try {
      const started = Date.now();
      await expect(nowhere.get("x")).rejects.toBeInstanceOf(KvUnavailableError);
      expect(Date.now() - started).toBeLessThan(500);
    } finally {
      await nowhere.close();
    }
  });
});
