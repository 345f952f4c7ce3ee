import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ServerTiming } from "./server-timing";

// What DevTools and the bench read off an answer: the storefront's own time, with its wait on Bolt apart.

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["performance", "setTimeout"] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A call to Bolt that takes `ms`, then answers or fails. */
function boltCall(ms: number, fails = false): () => Promise<string> {
  return () =>
    new Promise((resolve, reject) => setTimeout(() => (fails ? reject(new Error("Bolt failed")) : resolve("ok")), ms));
}

const parse = (header: string) => {
  const match = /^app;dur=([\d.]+);desc="Storefront", bolt;dur=([\d.]+);desc="Bolt"$/.exec(header);
  return match ? { app: Number(match[1]), bolt: Number(match[2]) } : undefined;
};

describe("ServerTiming", () => {
  it("counts the waits on Bolt apart from the storefront's own time, failed calls included", async () => {
    const timing = new ServerTiming();
    vi.advanceTimersByTime(3);
    const answered = timing.bolt(boltCall(40));
    await vi.advanceTimersByTimeAsync(40);
    expect(await answered).toBe("ok");
    vi.advanceTimersByTime(2);
    const failed = timing.bolt(boltCall(10, true)).catch((error: Error) => error.message);
    await vi.advanceTimersByTimeAsync(10);
    expect(await failed).toBe("Bolt failed");
    expect(parse(timing.header()["Server-Timing"])).toEqual({ app: 5, bolt: 50 });
  });
});
