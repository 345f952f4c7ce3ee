import { describe, expect, it } from "vitest";
import { recentKeys } from "./recent-keys";

describe("recentKeys", () => {
  it("keeps the newest keys up to its capacity, forgetting the least recently added first", () => {
    const keys = recentKeys(2);
    keys.add("a");
    keys.add("b");
    keys.add("a");
    keys.add("c");

    expect(["a", "b", "c"].filter((key) => keys.has(key))).toEqual(["a", "c"]);
  });
});
