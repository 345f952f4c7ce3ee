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

/** Refresh when the access token has less than this left, so no Bolt call starts with a dying token. */
export const REFRESH_WINDOW_MS = 60_000;

/**
 * How long the rotated tokens stay available to requests that still carry the old cookie: those
 * the browser sent before our `Set-Cookie` reached it, on this instance or any other.
 */
export const HANDOFF_MS = 30_000;

/** How often an instance that lost the lock looks for the winner's hand-off. */
const POLL_MS = 50;

/**
 * In-flight refreshes keyed by refresh token, shared by the proxy and route handlers of this process,
 * so one process asks the shared store once however many requests arrive together. Bolt's refresh
 * tokens are single-use: a second refresh with the same one revokes the whole token family and
 * signs the shopper out.
 */
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

/** Whether the access token can still start a Bolt call: a 5-second test token can, right after it is minted. */
export function isUsable(session: Pick<SessionData, "expiresAt">): boolean {
  return session.expiresAt - Date.now() > 1_000;
}

/**
 * Refreshes the session's tokens and returns the updated session for the caller to save. Keeps
 * the refresh token when Bolt returns none, and stores the (narrower) scope Bolt granted.
 * `invalid_grant` becomes {@link SignedOutError}; {@link RefreshPendingError} means another
 * instance is refreshing and did not finish in time; anything else (5xx, timeout) is rethrown. In
 * every case but the first, the stored session stays as it was.
 */
export async function refreshSession(session: SessionData): Promise<SessionData> {
  const tokens = await flights
    .run(session.refreshToken, () => refreshShared(session))
    .catch((error: unknown) => {
      throw ownClass(error);
    });
  return {
    ...session,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken ?? session.refreshToken,
    expiresAt: tokens.expiresAt,
    scope: tokens.scope,
    refreshTokenScope: tokens.refreshTokenScope ?? session.refreshTokenScope,
  };
}

/**
 * One refresh per refresh token across every instance. The first to take the lock calls Bolt and
 * leaves the rotated tokens, sealed, under a hash of the old refresh token; the others wait for
 * them instead of calling Bolt (which would revoke the family). Without the store, this process
 * still refreshes once (the single-flight above), and two instances could each refresh once.
 */
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
    // If the store was only slow, another instance may be waiting on the lock we may hold after all.
    await writeHandoff(kv, keys.handoff, handoffOf(tokens));
    return tokens;
  }
  // Another instance holds the lock: never call Bolt from here, whatever the store does next.
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

/** The rotated tokens without the id_token, which a refresh never needs to pass on. */
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

/**
 * The flights are shared by every bundle of the process (proxy, route handlers, pages), so a caller
 * may receive an error made by another bundle's copy of the class; callers branch on these two.
 */
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

/** Best effort: without it, the other instances wait out the lock and keep their session meanwhile. */
async function writeHandoff(kv: Kv, key: string, value: HandedOff): Promise<void> {
  try {
    await kv.setIfAbsent(key, await sealHandoff("refresh-handoff", value, HANDOFF_MS), HANDOFF_MS);
  } catch (error) {
    if (!(error instanceof KvUnavailableError)) throw error;
    logSecurityEvent({ event: "store_unavailable", use: "refresh hand-off", fallback: "others keep the old token" });
  }
}
