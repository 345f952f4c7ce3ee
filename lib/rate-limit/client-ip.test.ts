import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

const headersOf = (headers: Record<string, string>) => new Headers(headers);

describe("clientIp", () => {
  it("trusts no header unless the deployment names one", () => {
    expect(clientIp(headersOf({ "x-forwarded-for": "203.0.113.7" }), undefined)).toBeUndefined();
  });

  it.each([
    ["a plain IPv4", "203.0.113.7", "203.0.113.7"],
    ["the last entry of a list (the one our proxy added)", "198.51.100.1, 203.0.113.7", "203.0.113.7"],
    ["an IPv4 with a port", "203.0.113.7:51234", "203.0.113.7"],
    ["an IPv6, counted per /64", "2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3:8d3::/64"],
    ["a compressed IPv6 in brackets with a port", "[2001:db8::1]:443", "2001:db8:0:0::/64"],
    ["an IPv4-mapped IPv6", "::ffff:203.0.113.7", "203.0.113.7"],
  ])("reads %s", (_name, value, expected) => {
    expect(clientIp(headersOf({ "x-real-ip": value }), "x-real-ip")).toBe(expected);
  });

  it("puts two addresses of one IPv6 /64 in one bucket", () => {
    const a = clientIp(headersOf({ "x-real-ip": "2001:db8:1:2::a" }), "x-real-ip");
    const b = clientIp(headersOf({ "x-real-ip": "2001:0db8:0001:0002:ffff::b" }), "x-real-ip");
    expect(a).toBe(b);
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["not an address", "1.2.3.4.5"],
    ["a host name", "example.com"],
  ])("gives nothing for a header that is %s", (_name, value) => {
    expect(clientIp(headersOf(value === undefined ? {} : { "x-real-ip": value }), "x-real-ip")).toBeUndefined();
  });
});
