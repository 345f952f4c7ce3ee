import { webCookies } from "iron-session";
import type { TokenSet } from "@/lib/bolt";
import { newSession, writeSession } from "../cookie";
import type { SessionData } from "../schema";

/** A JWT-shaped token of exactly `length` characters, to size the cookie with tokens larger than Bolt's. */
export function jwtShapedToken(length: number): string {
  return `eyJhbGciOiJSUzI1NiJ9.${"x".repeat(length - 65)}.${"s".repeat(43)}`;
}

/** Test sessions: Bolt-shaped fields that callers override. */
export function sessionFields(
  overrides: Partial<SessionData> = {},
): Omit<SessionData, "v" | "sid" | "createdAt" | "seenAt"> {
  return {
    accessToken: `at-${Math.random().toString(36).slice(2)}`,
    refreshToken: `rt-${Math.random().toString(36).slice(2)}`,
    expiresAt: Date.now() + 60 * 60 * 1000,
    scope: "bolt.account.manage openid",
    refreshTokenScope: "bolt.account.view",
    sub: "shopper_alice",
    email: "alice@example.com",
    firstName: "Alice",
    ...overrides,
  };
}

/** What Bolt answers a refresh with: rotated tokens, the access token narrowed to view. */
export const ROTATED_TOKENS: TokenSet = {
  accessToken: "new-access",
  refreshToken: "new-refresh",
  expiresAt: Date.now() + 3_600_000,
  scope: "bolt.account.view",
  refreshTokenScope: "bolt.account.view",
};

/**
 * A brand-new session sealed the way the app seals it, as the `name=value` a browser would send back.
 * Overrides of its clock (`createdAt`, `seenAt`) forge an older session.
 */
export async function sealedCookie(
  overrides: Partial<SessionData> = {},
): Promise<{ session: SessionData; cookie: string }> {
  const session = { ...newSession(sessionFields(overrides)), ...overrides };
  const headers = new Headers();
  await writeSession(webCookies(new Request("http://localhost/"), headers), session);
  return { session, cookie: headers.getSetCookie()[0]?.split(";")[0] ?? "" };
}
