import { afterEach, describe, expect, it, vi } from "vitest";
import { getStore, StoreUnavailableError } from "@/lib/store";
import { denySession, isSessionDenied } from "./denylist";

afterEach(() => vi.restoreAllMocks());

const sid = () => Math.random().toString(36).slice(2).padEnd(22, "x");
const HOUR = 3_600_000;

describe("the logout denylist", () => {
  it("refuses a signed-out session id until its expiry, through the shared store", async () => {
    const id = sid();
    await denySession(id, Date.now() + HOUR);
    await expect(isSessionDenied(id)).resolves.toBe(true);
    await expect(isSessionDenied(sid())).resolves.toBe(false);
  });

  it("without the store: refuses the id on this instance at once, and shares it once the store answers", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const store = getStore();
    const setIfAbsent = vi.spyOn(store, "setIfAbsent").mockRejectedValueOnce(new StoreUnavailableError("down"));
    const id = sid();
    await denySession(id, Date.now() + HOUR);
    expect(warn.mock.calls.map(([line]) => JSON.parse(String(line)).event)).toContain("logout_not_shared");
    await expect(isSessionDenied(id)).resolves.toBe(true);
    // The next successful check handed it to the store: another instance now sees it there.
    expect(setIfAbsent).toHaveBeenLastCalledWith(`denied:${id}`, "1", expect.any(Number));
    await expect(store.get(`denied:${id}`)).resolves.toBe("1");
  });

  it("throws StoreUnavailableError when the store can't say (the caller decides)", async () => {
    vi.spyOn(getStore(), "get").mockRejectedValueOnce(new StoreUnavailableError("down"));
    await expect(isSessionDenied(sid())).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
