import { describe, expect, it, vi } from "vitest";
import { CodeGuard, CodeReplayError } from "./code-guard";

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe("CodeGuard", () => {
  it("lets concurrent duplicates share one exchange", async () => {
    const guard = new CodeGuard<string>(60_000, 100);
    const upstream = deferred<string>();
    const exchange = vi.fn(() => upstream.promise);
    const answers = Promise.all([1, 2, 3, 4, 5].map(() => guard.run("code-a", exchange)));
    upstream.resolve("session");
    await expect(answers).resolves.toEqual(["session", "session", "session", "session", "session"]);
    expect(exchange).toHaveBeenCalledTimes(1);
  });

  it("refuses a code seen before without calling the exchange again", async () => {
    const guard = new CodeGuard<string>(60_000, 100);
    const exchange = vi.fn(async () => "session");
    await guard.run("code-b", exchange);
    await expect(guard.run("code-b", exchange)).rejects.toBeInstanceOf(CodeReplayError);
    expect(exchange).toHaveBeenCalledTimes(1);
  });

  it("refuses a retry after a failed or timed-out exchange too: Bolt may have used the code", async () => {
    const guard = new CodeGuard<string>(60_000, 100);
    await expect(guard.run("code-c", async () => Promise.reject(new Error("timeout")))).rejects.toThrow("timeout");
    await expect(guard.run("code-c", async () => "late")).rejects.toBeInstanceOf(CodeReplayError);
  });

  it("keeps different codes apart", async () => {
    const guard = new CodeGuard<string>(60_000, 100);
    await expect(Promise.all([guard.run("x", async () => "X"), guard.run("y", async () => "Y")])).resolves.toEqual([
      "X",
      "Y",
    ]);
  });

  it("forgets codes after memoryMs, and the oldest once full", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: 0 });
    const guard = new CodeGuard<string>(60_000, 2);
    await guard.run("old", async () => "1");
    vi.setSystemTime(60_001);
    await expect(guard.run("old", async () => "2")).resolves.toBe("2");
    await guard.run("second", async () => "3");
    await guard.run("third", async () => "4");
    await expect(guard.run("old", async () => "5")).resolves.toBe("5");
    vi.useRealTimers();
  });
});
