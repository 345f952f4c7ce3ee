import * as z from "zod";
import { MAX_ACCESS_TOKEN_LENGTH, MAX_REFRESH_TOKEN_LENGTH, OAuthToken } from "@/lib/bolt/token-format";

/** Never the id_token, addresses or cards. Times are epoch ms: iron-session 9 wants plain JSON. */
export const SessionSchema = z.strictObject({
  v: z.literal(1),
  sid: z.string().regex(/^[\w-]{22}$/),
  /** Refreshes so far (absent: 0): a response from a replaced version can't bring back a spent token. */
  ver: z.int().min(0).max(1_000_000).optional(),
  accessToken: OAuthToken(MAX_ACCESS_TOKEN_LENGTH),
  refreshToken: OAuthToken(MAX_REFRESH_TOKEN_LENGTH),
  expiresAt: z.int().positive(),
  /** `bolt.account.manage` only until the first refresh. */
  scope: z.string().max(256),
  refreshTokenScope: z.string().max(256),
  sub: z.string().min(1).max(256),
  email: z.string().min(3).max(254),
  firstName: z.string().max(64).optional(),
  /** The absolute lifetime counts from here, however often the cookie is resealed. */
  createdAt: z.int().positive(),
  /** The idle timeout counts from here; moved at most once a minute. */
  seenAt: z.int().positive(),
});

export type SessionData = z.infer<typeof SessionSchema>;
