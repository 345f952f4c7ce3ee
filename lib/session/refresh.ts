import "server-only";
import { createHash } from "node:crypto";
import * as z from "zod";
import { BoltOAuthError, refreshTokens, type TokenSet } from "@/lib/bolt";
import { MAX_ACCESS_TOKEN_LENGTH, MAX_REFRESH_TOKEN_LENGTH, OAuthToken } from "@/lib/bolt/token-format";
import { getEnv } from "@/lib/env";
import { logSecurityEvent } from "@/lib/log/security-events";
import { getKv, KvUnavailableError, type Kv } from "@/lib/kv";
import { RefreshPendingError, SignedOutError } from "./errors";
import { processSingleton } from "./process-state";
import type { SessionData } from "./schema";
import { openHandoff, sealHandoff } from "./sealing";
import { SingleFlight } from "./single-flight";

export const REFRESH_WINDOW_MS = 60_000;

/** Rotated tokens stay available this long to requests sent with the old cookie, on any instance. */
export const HANDOFF_MS = 30_000;

const POLL_MS = 50;

/** Bolt's refresh tokens are single-use: a second refresh revokes the family and signs the shopper out. */
const flights = processSingleton("refresh-flights", () => new SingleFlight<TokenSet>(HANDOFF_MS));

const HandedOff = z.union([
  z.strictObject({ revoked: z.literal(true) }),
  z.strictObject({
    accessToken: OAuthToken(MAX_ACCESS_TOKEN_LENGTH),
    refreshToken: OAuthToken(MAX_REFRESH_TOKEN_LENGTH).optional(),
    expiresAt: z.int().positive(),
    scope: z.string().max(256),
    refreshTokenScope: z.string().max(256).optional(),
  }),
]);
type HandedOff = z.infer<typeof HandedOff>;

export function needsRefresh(session: SessionData): boolean {
  return session.expiresAt - Date.now() < REFRESH_WINDOW_MS;
}

/** A 5-second test token is still usable right after it is minted. */
export function isUsable(session: Pick<SessionData, "expiresAt">): boolean {
  return session.expiresAt - Date.now() > 1_000;
}

/** `invalid_grant` is SignedOutError; RefreshPendingError means another instance did not finish in time. */
export async function refreshSession(session: SessionData): Promise<SessionData> {
  const tokens = await flights
    .run(session.refreshToken, () => refreshShared(session))
    .catch((error: unknown) => {
      throw ownClass(error);
    });
  return {
    ...session,
    ver: (session.ver ?? 0) + 1,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken ?? session.refreshToken,
    expiresAt: tokens.expiresAt,
    scope: tokens.scope,
    refreshTokenScope: tokens.refreshTokenScope ?? session.refreshTokenScope,
  };
}

/** The lock's winner calls Bolt and leaves the rotated tokens, sealed, for the other instances. */
async function refreshShared(session: SessionData): Promise<TokenSet> {
  const id = createHash("sha256").update(session.refreshToken).digest("base64url");
  const keys = { lock: `refresh-lock:${id}`, handoff: `refresh-handoff:${id}` };
  const kv = getKv();
  const lockMs = getEnv().boltTimeoutMs + 2_000;
  let locked: boolean;
  try {
    const earlier = await readHandoff(kv, keys.handoff);
    if (earlier) return fromHandoff(earlier);
    locked = await kv.setIfAbsent(keys.lock, "1", lockMs);
  } catch (error) {
    if (!(error instanceof KvUnavailableError)) throw error;
    logSecurityEvent({ event: "store_unavailable", use: "refresh lock", fallback: "in-process single-flight" });
    const tokens = await refreshAtBolt(session);
    // If kv was only slow, another instance may be waiting on the lock we may hold after all.
    await writeHandoff(kv, keys.handoff, handoffOf(tokens));
    return tokens;
  }
  // Another instance holds the lock: never call Bolt from here, whatever kv does next.
  if (!locked) return fromHandoff(await waitForHandoff(kv, keys.handoff, Date.now() + lockMs));
  let tokens: TokenSet;
  try {
    tokens = await refreshAtBolt(session);
  } catch (error) {
    if (error instanceof SignedOutError) await writeHandoff(kv, keys.handoff, { revoked: true });
    // Bolt trouble: free the lock so the next page load may try again, as on a single instance.
    else await kv.delete(keys.lock).catch(() => undefined);
    throw error;
  }
  await writeHandoff(kv, keys.handoff, handoffOf(tokens));
  return tokens;
}

function handoffOf(tokens: TokenSet): HandedOff {
  const { accessToken, refreshToken, expiresAt, scope, refreshTokenScope } = tokens;
  return { accessToken, refreshToken, expiresAt, scope, refreshTokenScope };
}

async function refreshAtBolt(session: SessionData): Promise<TokenSet> {
  try {
    return await refreshTokens(session.refreshToken, session.refreshTokenScope);
  } catch (error) {
    if (error instanceof BoltOAuthError && error.isInvalidGrant) {
      logSecurityEvent({ event: "invalid_grant", grant: "refresh_token" });
      throw new SignedOutError("Bolt refused the refresh token");
    }
    throw error;
  }
}

/** The flights are shared by every bundle, so an error may come from another bundle's copy of the class. */
function ownClass(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof SignedOutError || error instanceof RefreshPendingError)
    return error;
  if (error.name === "SignedOutError") return new SignedOutError(error.message);
  if (error.name === "RefreshPendingError") return new RefreshPendingError();
  return error;
}

function fromHandoff(handed: HandedOff): TokenSet {
  if ("revoked" in handed) throw new SignedOutError("Bolt refused the refresh token");
  return handed;
}

async function readHandoff(kv: Kv, key: string): Promise<HandedOff | undefined> {
  const seal = await kv.get(key);
  return seal === undefined ? undefined : openHandoff("refresh-handoff", seal, HandedOff);
}

async function waitForHandoff(kv: Kv, key: string, deadline: number): Promise<HandedOff> {
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const handed = await readHandoff(kv, key).catch((error: unknown) => {
      if (error instanceof KvUnavailableError) return undefined;
      throw error;
    });
    if (handed) return handed;
  }
  throw new RefreshPendingError();
}

/** Best effort: without it, the others wait out the lock and keep their session meanwhile. */
async function writeHandoff(kv: Kv, key: string, value: HandedOff): Promise<void> {
  try {
    await kv.setIfAbsent(key, await sealHandoff("refresh-handoff", value, HANDOFF_MS), HANDOFF_MS);
  } catch (error) {
    if (!(error instanceof KvUnavailableError)) throw error;
    logSecurityEvent({ event: "store_unavailable", use: "refresh hand-off", fallback: "others keep the old token" });
  }
}
