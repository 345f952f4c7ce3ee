import { opaqueToken } from "../ids";

export const SCOPES = ["bolt.account.manage", "bolt.account.view", "openid"] as const;
export type Scope = (typeof SCOPES)[number];

/** Everything issued from one authorization code; revoking it kills every token of the family at once. */
type Grant = { revoked: boolean };

type Owned = { shopperId: string; clientId: string; grant: Grant; expiresAt: number };
/** `scopes`: what the code was issued with (the login modal's `LoginResult.scope`). */
export type CodeRecord = Owned & { scopes: Scope[]; used: boolean };
export type AccessRecord = Owned & { scopes: Scope[] };
export type RefreshRecord = Owned & { scopes: Scope[]; used: boolean };

export type Lifetimes = { accessTokenTtlSeconds: number; refreshTokenTtlSeconds: number };

export type IssuedTokens = { accessToken: string; refreshToken: string; access: AccessRecord };

const ttl = (now: number, seconds: number) => now + seconds * 1000;

/** Codes, access tokens and refresh tokens, in memory. Values are opaque; records hold what they stand for. */
export class TokenStore {
  private readonly codes = new Map<string, CodeRecord>();
  private readonly accessTokens = new Map<string, AccessRecord>();
  private readonly refreshTokens = new Map<string, RefreshRecord>();

  mintCode(shopperId: string, clientId: string, ttlSeconds: number, scopes: Scope[], now = Date.now()): string {
    const code = opaqueToken();
    this.codes.set(code, {
      shopperId,
      clientId,
      scopes,
      grant: { revoked: false },
      expiresAt: ttl(now, ttlSeconds),
      used: false,
    });
    return code;
  }

  code(value: string): CodeRecord | undefined {
    return this.codes.get(value);
  }

  accessRecord(value: string): AccessRecord | undefined {
    return this.accessTokens.get(value);
  }

  refreshRecord(value: string): RefreshRecord | undefined {
    return this.refreshTokens.get(value);
  }

  /** A usable access token: known, not expired, and its family not revoked. */
  validAccess(value: string, now = Date.now()): AccessRecord | undefined {
    const record = this.accessTokens.get(value);
    return record && !record.grant.revoked && record.expiresAt > now ? record : undefined;
  }

  /** Issues an access token with `scopes` and a refresh token (always `bolt.account.view`) in `owner`'s family. */
  issue(
    owner: Pick<Owned, "shopperId" | "clientId" | "grant">,
    scopes: Scope[],
    lifetimes: Lifetimes,
    now = Date.now(),
  ): IssuedTokens {
    const accessToken = opaqueToken();
    const refreshToken = opaqueToken();
    const base = { shopperId: owner.shopperId, clientId: owner.clientId, grant: owner.grant };
    const access: AccessRecord = { ...base, scopes, expiresAt: ttl(now, lifetimes.accessTokenTtlSeconds) };
    this.accessTokens.set(accessToken, access);
    this.refreshTokens.set(refreshToken, {
      ...base,
      scopes: ["bolt.account.view"],
      expiresAt: ttl(now, lifetimes.refreshTokenTtlSeconds),
      used: false,
    });
    return { accessToken, refreshToken, access };
  }
}

/** The shopper a code or token concerns, whatever its state: for the request log and fault scoping only. */
export function ownerOf(store: TokenStore, value: string): string | undefined {
  return (store.code(value) ?? store.accessRecord(value) ?? store.refreshRecord(value))?.shopperId;
}
