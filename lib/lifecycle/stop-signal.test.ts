import { describe, expect, it } from "vitest";
import { budgetOrStop, letGoOfWaitingWork, stopSignal } from "./stop-signal";

// Runs last in its file: letting go is once per process, as a stop is.
describe("budgetOrStop", () => {
  it("ends a call when its budget runs out, with the budget's reason", async () => {
    const { signal, release } = budgetOrStop(AbortSignal.timeout(20));
    await new Promise((resolve) => signal.addEventListener("abort", resolve));
    expect((signal.reason as Error).name).toBe("TimeoutError");
    release();
  });

  it("ends the calls still waiting when the stop lets go, as ones not answered in time; not those released", () => {
    const ended = budgetOrStop(new AbortController().signal);
    ended.release();
    const waiting = budgetOrStop(new AbortController().signal);
    letGoOfWaitingWork();
    expect(stopSignal().aborted).toBe(true);
    expect(ended.signal.aborted).toBe(false);
    expect(waiting.signal.aborted).toBe(true);
    expect((waiting.signal.reason as Error).name).toBe("AbortError");
  });

  it("ends at once a call started after the stop let go", () => {
    expect(budgetOrStop(new AbortController().signal).signal.aborted).toBe(true);
  });
});
