import { afterEach, describe, expect, it, vi } from "vitest";
import { captureLog } from "@/lib/log/testing/capture";
import { startReconciler } from "./reconciler";

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("startReconciler", () => {
  it("runs a round about every interval, each wait between half and one and a half times it", async () => {
    vi.useFakeTimers();
    const waits: number[] = [];
    const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout");
    const round = vi.fn(async () => undefined);
    const loop = startReconciler({ intervalMs: 1_000, round });
    try {
      for (let i = 0; i < 20; i++) await vi.advanceTimersByTimeAsync(1_500);
      expect(round.mock.calls.length).toBeGreaterThanOrEqual(20);
      for (const call of setTimeoutSpy.mock.calls) waits.push(call[1] ?? 0);
      expect(Math.min(...waits)).toBeGreaterThanOrEqual(500);
      expect(Math.max(...waits)).toBeLessThanOrEqual(1_500);
      expect(new Set(waits).size).toBeGreaterThan(1);
    } finally {
      await loop.stop();
    }
  });

  it("keeps one loop per process, never overlaps its rounds, and survives a failed round", async () => {
    vi.useFakeTimers();
    const logged = captureLog();
    let running = 0;
    let overlapped = false;
    const round = vi.fn(async () => {
      running += 1;
      overlapped ||= running > 1;
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      running -= 1;
      throw new Error("database down");
    });
    const loop = startReconciler({ intervalMs: 100, round });
    expect(startReconciler({ intervalMs: 100, round: vi.fn() })).toBe(loop);
    try {
      await vi.advanceTimersByTimeAsync(30_000);
      expect(round.mock.calls.length).toBeGreaterThan(3);
      expect(overlapped).toBe(false);
      // Each failure is logged by the error's name; its message may quote the values it failed on.
      expect(logged.lines()[0]).toMatchObject({
        level: "warn",
        msg: expect.stringMatching(/round failed/),
        error: "Error",
      });
      expect(logged.text()).not.toContain("database down");
    } finally {
      void loop.stop();
    }
    const calls = round.mock.calls.length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(round.mock.calls.length).toBeLessThanOrEqual(calls + 1);
  });

  it("stops: no round starts after it, and it resolves once the round under way has ended", async () => {
    vi.useFakeTimers();
    let ended = false;
    const round = vi.fn(async () => {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      ended = true;
    });
    const loop = startReconciler({ intervalMs: 100, round });
    await vi.advanceTimersByTimeAsync(200);
    expect(round).toHaveBeenCalledTimes(1);
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(stopped).toBe(false);
    await vi.advanceTimersByTimeAsync(1_500);
    await stopping;
    expect(ended).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(round).toHaveBeenCalledTimes(1);
  });
});
