import { afterEach, describe, expect, it, vi } from "vitest";
import { captureLog } from "@/lib/log/testing/capture";
import { isSameOriginPost } from "./origin";

const headers = (values: Record<string, string>) => new Headers(values);

afterEach(() => vi.restoreAllMocks());

describe("a desk action's origin", () => {
  it("passes a POST from the store's own page", () => {
    const own = { origin: "https://shop.example.com", host: "shop.example.com", "sec-fetch-site": "same-origin" };
    expect(isSameOriginPost(headers(own), "https://shop.example.com")).toBe(true);
    expect(isSameOriginPost(headers({ origin: "http://localhost:3000", host: "localhost:3000" }), undefined)).toBe(
      true,
    );
  });

  it.each([
    ["another site", { origin: "https://evil.example", host: "shop.example.com", "sec-fetch-site": "cross-site" }],
    [
      "a sibling subdomain",
      { origin: "https://a.example.com", host: "shop.example.com", "sec-fetch-site": "same-site" },
    ],
    ["no Origin at all", { host: "shop.example.com", "sec-fetch-site": "same-origin" }],
    ["Origin: null", { origin: "null", host: "shop.example.com" }],
    ["an Origin other than APP_ORIGIN", { origin: "http://shop.example.com", host: "shop.example.com" }],
    [
      "an Origin that only starts like it",
      { origin: "https://shop.example.com.evil.example", host: "shop.example.com" },
    ],
  ])("refuses %s, and logs it", (_case, values) => {
    const logged = captureLog();
    expect(isSameOriginPost(headers(values), "https://shop.example.com")).toBe(false);
    expect(logged.lines()[0]).toMatchObject({ event: "origin_refused", method: "POST" });
  });

  it("compares the Origin with Host when APP_ORIGIN is unset, and refuses a garbled one", () => {
    captureLog();
    expect(isSameOriginPost(headers({ origin: "http://localhost:3001", host: "localhost:3000" }), undefined)).toBe(
      false,
    );
    expect(isSameOriginPost(headers({ origin: "not a url", host: "localhost:3000" }), undefined)).toBe(false);
  });
});
