import * as z from "zod";
import { MAX_ACCESS_TOKEN_LENGTH, MAX_REFRESH_TOKEN_LENGTH, OAuthToken } from "@/lib/bolt/token-format";

/**
 * What the session cookie holds, checked on every read. Only what server calls need: the tokens,
 * their expiry and scope, and enough identity for a greeting. Never the id_token, addresses or cards.
 * Times are epoch milliseconds (`Date.now()`), as iron-session 9 wants plain JSON.
 */
export const SessionSchema = z.strictObject({
  v: z.literal(1),
  /** Random per sign-in; what logout puts on the denylist. */
  sid: z.string().regex(/^[\w-]{22}$/),
  accessToken: OAuthToken(MAX_ACCESS_TOKEN_LENGTH),
  refreshToken: OAuthToken(MAX_REFRESH_TOKEN_LENGTH),
  expiresAt: z.int().positive(),
  /** Space-separated scopes of the access token: `bolt.account.manage` only until the first refresh. */
  scope: z.string().max(256),
  refreshTokenScope: z.string().max(256),
  sub: z.string().min(1).max(256),
  email: z.string().min(3).max(254),
  firstName: z.string().max(64).optional(),
  /** Sign-in time: the absolute lifetime counts from here, however often the cookie is resealed. */
  createdAt: z.int().positive(),
  /**
   * Last activity seen (a page load, an action): the idle timeout counts from here. Rewritten at most
   * once a minute (see touchSession), so the cookie is not resealed on every request.
   */
  seenAt: z.int().positive(),
});

export type SessionData = z.infer<typeof SessionSchema>;
