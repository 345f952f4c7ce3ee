import { describe, expect, it } from "vitest";
import { acceptedIssuers, mayServeSigningKeys } from "./issuers";

describe("acceptedIssuers", () => {
  it("is discovery's issuer, Bolt's four, the API origin and the extra ones, with or without a trailing slash", () => {
    const issuers = acceptedIssuers("https://api-sandbox.bolt.com/", {
      boltApiUrl: "https://api-sandbox.bolt.com",
      extraIssuers: ["https://auth.bolt.example"],
    });
    for (const issuer of [
      "https://api-sandbox.bolt.com",
      "https://bolt.com",
      "https://api.bolt.com",
      "https://boltapp.com/",
      "https://api.boltapp.com",
      "https://auth.bolt.example",
    ]) {
      expect(issuers).toContain(issuer);
    }
    expect(issuers).not.toContain("https://evil.example");
  });
});

describe("mayServeSigningKeys", () => {
  it("takes keys from the API origin or from Bolt over https, on either domain", () => {
    expect(mayServeSigningKeys("http://localhost:4010/v3/oauth/jwks.json", "http://localhost:4010")).toBe(true);
    expect(mayServeSigningKeys("https://api-sandbox.bolt.com/v1/oauth/jwks.json", "https://x.example")).toBe(true);
    expect(mayServeSigningKeys("https://api.boltapp.com/v3/oauth/jwks.json", "https://api.bolt.com")).toBe(true);
  });

  it("takes them from nowhere else", () => {
    expect(mayServeSigningKeys("https://evil.example/jwks.json", "https://api.bolt.com")).toBe(false);
    expect(mayServeSigningKeys("http://api.bolt.com/jwks.json", "https://api.bolt.com")).toBe(false);
    expect(mayServeSigningKeys("https://bolt.com.evil.example/jwks.json", "https://api.bolt.com")).toBe(false);
    expect(mayServeSigningKeys("http://127.0.0.1:4010/jwks.json", "http://localhost:4010")).toBe(false);
  });
});
