import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { afterQuiet } from "./after-quiet";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("afterQuiet", () => {
  it("runs once, a quiet period after the last of a burst of calls", () => {
    const work = vi.fn();
    const trigger = afterQuiet(work, { quietMs: 1_000, maxWaitMs: 10_000 });
    for (let i = 0; i < 5; i++) {
      trigger();
      vi.advanceTimersByTime(300);
    }
    expect(work).not.toHaveBeenCalled();
    vi.advanceTimersByTime(700);
    expect(work).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it("runs at the latest the longest wait after the first call, however the calls keep coming", () => {
    const work = vi.fn();
    const trigger = afterQuiet(work, { quietMs: 1_000, maxWaitMs: 10_000 });
    for (let elapsed = 0; elapsed < 9_500; elapsed += 500) {
      trigger();
      vi.advanceTimersByTime(500);
    }
    expect(work).not.toHaveBeenCalled();
    trigger();
    vi.advanceTimersByTime(500);
    expect(work).toHaveBeenCalledTimes(1);
    // The next call starts a new wait.
    trigger();
    vi.advanceTimersByTime(999);
    expect(work).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(work).toHaveBeenCalledTimes(2);
  });
});
