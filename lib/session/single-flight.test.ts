import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { SingleFlight } from "./single-flight";

describe("SingleFlight", () => {
  it("runs the task once for N concurrent callers in any interleaving, and all get its result", async () => {
    let permutations = 0;
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.constantFrom(2, 10, 50), async (s, callers) => {
        permutations += 1;
        const flight = new SingleFlight<string>(30_000);
        let calls = 0;
        const task = () => {
          calls += 1;
          return s.schedule(Promise.resolve(`rotated-${calls}`), "upstream answers");
        };
        const results = Promise.all(
          Array.from({ length: callers }, (_, index) =>
            s.schedule(Promise.resolve(index), `caller ${index} arrives`).then(() => flight.run("rt-1", task)),
          ),
        );
        expect(await s.waitFor(results)).toEqual(Array.from({ length: callers }, () => "rotated-1"));
        expect(calls).toBe(1);
      }),
      { numRuns: 200 },
    );
    console.info(`single-flight: ${permutations} scheduler interleavings, 1 upstream call each`);
  });

  it("hands a late caller the settled result within the grace period, then runs again", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: 0 });
    const flight = new SingleFlight<number>(30_000);
    const task = vi.fn(async () => task.mock.calls.length);
    await expect(flight.run("k", task)).resolves.toBe(1);
    vi.setSystemTime(29_000);
    await expect(flight.run("k", task)).resolves.toBe(1);
    vi.setSystemTime(61_000);
    await expect(flight.run("k", task)).resolves.toBe(2);
    vi.useRealTimers();
  });

  it("forgets a failure at once, so the next caller tries again", async () => {
    const flight = new SingleFlight<string>(30_000);
    const task = vi.fn().mockRejectedValueOnce(new Error("503")).mockResolvedValueOnce("ok");
    const first = [flight.run("k", task), flight.run("k", task)];
    await expect(Promise.all(first)).rejects.toThrow("503");
    await expect(flight.run("k", task)).resolves.toBe("ok");
    expect(task).toHaveBeenCalledTimes(2);
  });

  it("keeps different keys apart", async () => {
    const flight = new SingleFlight<string>(30_000);
    await expect(Promise.all([flight.run("a", async () => "A"), flight.run("b", async () => "B")])).resolves.toEqual([
      "A",
      "B",
    ]);
  });
});
