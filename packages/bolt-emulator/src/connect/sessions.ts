import { randomBytes } from "node:crypto";

export const SESSION_COOKIE = "bolt_emulator_session";
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** The shopper's Bolt session on the emulator's origin, which `attemptLogin` turns into a fresh code. */
export class BoltSessions {
  private readonly byId = new Map<string, string>();

  open(shopperId: string): string {
    const id = randomBytes(24).toString("base64url");
    this.byId.set(id, shopperId);
    return id;
  }

  shopperOf(sessionId: string | undefined): string | undefined {
    return sessionId ? this.byId.get(sessionId) : undefined;
  }

  close(sessionId: string | undefined): void {
    if (sessionId) this.byId.delete(sessionId);
  }
}

export function readSessionCookie(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) return rest.join("=") || undefined;
  }
  return undefined;
}

export function sessionCookie(value: string, maxAgeSeconds = SESSION_MAX_AGE_SECONDS): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}`;
}
