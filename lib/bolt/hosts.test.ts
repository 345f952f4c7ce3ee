import { describe, expect, it } from "vitest";
import { boltEnvironment, boltSources, defaultAccountOrigin, isBoltOrigin } from "./hosts";

describe("Bolt's hosts", () => {
  it("knows Bolt's two domains over https, and nothing that merely ends like them", () => {
    expect(isBoltOrigin("https://api.bolt.com")).toBe(true);
    expect(isBoltOrigin("https://api-sandbox.boltapp.com")).toBe(true);
    expect(isBoltOrigin("https://bolt.com")).toBe(true);
    expect(isBoltOrigin("http://api.bolt.com")).toBe(false);
    expect(isBoltOrigin("https://evilbolt.com")).toBe(false);
    expect(isBoltOrigin("https://bolt.com.evil.example")).toBe(false);
    expect(isBoltOrigin("http://localhost:4010")).toBe(false);
  });

  it("tells the sandbox from production by the first label", () => {
    expect(boltEnvironment("https://connect-sandbox.bolt.com")).toBe("sandbox");
    expect(boltEnvironment("https://connect.boltapp.com")).toBe("production");
    expect(boltEnvironment("http://localhost:4010")).toBeUndefined();
  });

  it("pairs the account host with the connect host, on the same domain, as Bolt's cartridge does", () => {
    expect(defaultAccountOrigin("https://connect-sandbox.bolt.com")).toBe("https://account-sandbox.bolt.com");
    expect(defaultAccountOrigin("https://connect.boltapp.com")).toBe("https://account.boltapp.com");
    expect(defaultAccountOrigin("http://localhost:4010")).toBe("http://localhost:4010");
  });

  it("allows production's hosts on both domains for a production store, and no sandbox host", () => {
    const sources = boltSources({
      connect: "https://connect.bolt.com",
      account: "https://account.bolt.com",
      api: "https://api.bolt.com",
    });
    expect(sources.frame).toEqual([
      "https://connect.bolt.com",
      "https://account.bolt.com",
      "https://connect.boltapp.com",
      "https://account.boltapp.com",
    ]);
    expect(sources.connect).toEqual(
      expect.arrayContaining(["https://api.boltapp.com", "https://sessions.bugsnag.com"]),
    );
    expect(Object.values(sources).flat().join(" ")).not.toContain("-sandbox");
  });

  it("allows only the configured origins for the emulator", () => {
    const sources = boltSources({
      connect: "http://localhost:4010",
      account: "http://localhost:4011",
      api: "http://localhost:4010",
    });
    expect(sources).toEqual({
      script: ["http://localhost:4010", "http://localhost:4011"],
      frame: ["http://localhost:4010", "http://localhost:4011"],
      img: ["http://localhost:4010", "http://localhost:4011"],
      connect: ["http://localhost:4010", "http://localhost:4011"],
    });
  });
});
