import { describe, expect, it, vi } from "vitest";
import { MemoryKv } from "@/lib/kv/memory";
import { KvUnavailableError, type Kv } from "@/lib/kv/types";
import { CodeGuard, CodeInUseError, CodeReplayError, type OutcomeCodec } from "./code-guard";

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => (resolve = res));
  return { promise, resolve };
};

/** Plain JSON here; the app seals outcomes with a key of their own (see sign-in.ts). */
const json: OutcomeCodec<string> = {
  seal: async (outcome) => JSON.stringify({ outcome }),
  open: async (seal) => (JSON.parse(seal) as { outcome?: string }).outcome,
};

const options = { memoryMs: 60_000, inFlightMs: 2_000, pollMs: 5 };
const guardOn = (kv: Kv = new MemoryKv(1000)) => new CodeGuard(kv, options, json);

describe("CodeGuard", () => {
  it("gives every duplicate of the same attempt the one exchange's outcome", async () => {
    const guard = guardOn();
    const upstream = deferred<string>();
    const exchange = vi.fn(() => upstream.promise);
    const answers = Promise.all([1, 2, 3, 4, 5].map(() => guard.run("code-a", "tab-nonce-0000001", exchange)));
    setTimeout(() => upstream.resolve("session-1"), 20);
    await expect(answers).resolves.toEqual(Array(5).fill("session-1"));
    // A retry of the same attempt after the exchange settled gets it too.
    await expect(guard.run("code-a", "tab-nonce-0000001", exchange)).resolves.toBe("session-1");
    expect(exchange).toHaveBeenCalledTimes(1);
  });

  it("answers another client 409 while the exchange runs and 422 once it settled, never calling Bolt", async () => {
    const guard = guardOn();
    const upstream = deferred<string>();
    const exchange = vi.fn(() => upstream.promise);
    const first = guard.run("code-b", "tab-nonce-0000001", exchange);
    await expect(guard.run("code-b", "someone-else-0001", exchange)).rejects.toBeInstanceOf(CodeInUseError);
    await expect(guard.run("code-b", undefined, exchange)).rejects.toBeInstanceOf(CodeInUseError);
    upstream.resolve("session");
    await expect(first).resolves.toBe("session");
    await expect(guard.run("code-b", "someone-else-0001", exchange)).rejects.toBeInstanceOf(CodeReplayError);
    await expect(guard.run("code-b", undefined, exchange)).rejects.toBeInstanceOf(CodeReplayError);
    expect(exchange).toHaveBeenCalledTimes(1);
  });

  it("never recognises a duplicate without a nonce as the same browser", async () => {
    const guard = guardOn();
    const exchange = vi.fn(async () => "session");
    await guard.run("code-c", undefined, exchange);
    await expect(guard.run("code-c", undefined, exchange)).rejects.toBeInstanceOf(CodeReplayError);
    expect(exchange).toHaveBeenCalledTimes(1);
  });

  it("never retries a code whose exchange threw: Bolt may have used it", async () => {
    const guard = guardOn();
    await expect(guard.run("code-d", "tab-nonce-0000001", () => Promise.reject(new Error("bug")))).rejects.toThrow(
      "bug",
    );
    const retry = vi.fn(async () => "late");
    await expect(guard.run("code-d", "someone-else-0001", retry)).rejects.toBeInstanceOf(CodeInUseError);
    expect(retry).not.toHaveBeenCalled();
  });

  it("keeps different codes apart", async () => {
    const guard = guardOn();
    await expect(
      Promise.all([guard.run("x", undefined, async () => "X"), guard.run("y", undefined, async () => "Y")]),
    ).resolves.toEqual(["X", "Y"]);
  });

  it("refuses with KvUnavailableError, without calling Bolt, when the kv can't answer", async () => {
    const down: Kv = {
      kind: "redis",
      setIfAbsent: () => Promise.reject(new KvUnavailableError("down")),
      get: () => Promise.reject(new KvUnavailableError("down")),
      delete: () => Promise.reject(new KvUnavailableError("down")),
      increment: () => Promise.reject(new KvUnavailableError("down")),
    };
    const exchange = vi.fn(async () => "session");
    await expect(guardOn(down).run("code-e", undefined, exchange)).rejects.toBeInstanceOf(KvUnavailableError);
    expect(exchange).not.toHaveBeenCalled();
  });

  it("never evicts an exchange in flight: 10,000 junk codes later its replay is still refused, memory bounded", async () => {
    const kv = new MemoryKv(2_000);
    const guard = guardOn(kv);
    const upstream = deferred<string>();
    const exchange = vi.fn(() => upstream.promise);
    const inFlight = guard.run("the-real-code", "tab-nonce-0000001", exchange);
    let refusedForRoom = 0;
    for (let i = 0; i < 10_000; i++) {
      await guard
        .run(`junk-${i}`, undefined, async () => "junk")
        .catch((error: unknown) => {
          if (!(error instanceof KvUnavailableError)) throw error;
          refusedForRoom += 1;
        });
    }
    expect(kv.size).toBeLessThanOrEqual(2_000);
    // Once full, junk codes are refused (sign-in answers 503), never let through and never evicting.
    expect(10_000 - refusedForRoom).toBeLessThan(2_000);
    await expect(guard.run("the-real-code", "someone-else-0001", exchange)).rejects.toBeInstanceOf(CodeInUseError);
    upstream.resolve("session");
    await expect(inFlight).resolves.toBe("session");
    // 409 or 422 (the full store may have refused to keep the outcome): refused either way, Bolt not called.
    const replay = await guard.run("the-real-code", undefined, exchange).catch((error: unknown) => error);
    expect(replay instanceof CodeInUseError || replay instanceof CodeReplayError).toBe(true);
    expect(exchange).toHaveBeenCalledTimes(1);
  });

  it("forgets a code after memoryMs, long after Bolt's 5-minute code lifetime", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: 0 });
    try {
      const guard = guardOn();
      await guard.run("old", undefined, async () => "1");
      vi.setSystemTime(59_000);
      await expect(guard.run("old", undefined, async () => "2")).rejects.toBeInstanceOf(CodeReplayError);
      vi.setSystemTime(60_001);
      await expect(guard.run("old", undefined, async () => "3")).resolves.toBe("3");
    } finally {
      vi.useRealTimers();
    }
  });
});
