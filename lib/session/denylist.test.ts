import { afterEach, describe, expect, it, vi } from "vitest";
import { getKv, KvUnavailableError } from "@/lib/kv";
import { denySession, isSessionDenied } from "./denylist";
import { captureLog } from "@/lib/log/testing/capture";

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

  it("without the kv: refuses the id on this instance at once, and shares it once the kv answers", async () => {
    const logged = captureLog();
    const kv = getKv();
    const setIfAbsent = vi.spyOn(kv, "setIfAbsent").mockRejectedValueOnce(new KvUnavailableError("down"));
    const id = sid();
    await denySession(id, Date.now() + HOUR);
    expect(logged.lines().map((line) => line.event)).toContain("logout_not_shared");
    await expect(isSessionDenied(id)).resolves.toBe(true);
    // The next successful check handed it to the store: another instance now sees it there.
    expect(setIfAbsent).toHaveBeenLastCalledWith(`denied:${id}`, "1", expect.any(Number));
    await expect(kv.get(`denied:${id}`)).resolves.toBe("1");
  });

  it("throws KvUnavailableError when the kv can't say (the caller decides)", async () => {
    vi.spyOn(getKv(), "get").mockRejectedValueOnce(new KvUnavailableError("down"));
    await expect(isSessionDenied(sid())).rejects.toBeInstanceOf(KvUnavailableError);
  });
});
