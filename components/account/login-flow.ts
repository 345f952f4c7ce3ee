"use client";

import type { BoltGlobal, BoltLoginResult } from "./bolt-embed";

export type LoginStatus =
  | { state: "idle" }
  | { state: "verifying" }
  | { state: "signed-in"; email?: string }
  /** `code`: the server's machine code (`{ error }`), when it answered one. */
  | { state: "error"; message: string; code?: string };

type Listener = (status: LoginStatus) => void;

const listeners = new Set<Listener>();
let watching = false;

let attempt: string | undefined;

/** How many step-up prompts are open: while one is, a code confirms the signed-in account. */
let stepUpsOpen = 0;

/**
 * Marks the page's next sign-in as a step-up (`stepUp: true` in the POST), so the server renews the
 * current session only if Bolt confirms the same account, and otherwise keeps it. Returns the release.
 */
export function holdStepUp(): () => void {
  stepUpsOpen += 1;
  let released = false;
  return () => {
    if (!released) stepUpsOpen -= 1;
    released = true;
  };
}

/**
 * This tab's sign-in nonce, sent with every code. The server hands a second POST of the same code
 * the first one's session only when it carries the same nonce (see lib/auth/sign-in-body.ts).
 * `getRandomValues`, unlike `randomUUID`, also works on a plain-http LAN demo.
 */
function tabAttempt(): string {
  attempt ??= btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
  return attempt;
}

function notify(status: LoginStatus) {
  for (const listener of listeners) listener(status);
}

function isLoginResult(value: unknown): value is BoltLoginResult {
  if (!value || typeof value !== "object") return false;
  const { authorizationCode, scope } = value as Record<string, unknown>;
  return typeof authorizationCode === "string" && authorizationCode.length > 0 && typeof scope === "string";
}

/**
 * One `login_complete` handler per page, however many sign-in widgets are mounted (header and
 * checkout), so a code is posted to the server exactly once.
 */
export function watchLogin(bolt: BoltGlobal, listener: Listener): () => void {
  listeners.add(listener);
  if (!watching) {
    watching = true;
    bolt.on("login_complete", ({ result }) => {
      if (!isLoginResult(result)) {
        notify({ state: "error", message: "Bolt couldn't verify you. Please try again." });
        return;
      }
      notify({ state: "verifying" });
      void postAuthorizationCode(result).then(notify);
    });
  }
  return () => listeners.delete(listener);
}

/** Hands the one-time authorization code to our server, which exchanges it; no token comes back. */
async function postAuthorizationCode(result: BoltLoginResult): Promise<LoginStatus> {
  try {
    const response = await fetch("/api/bolt/session", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        code: result.authorizationCode,
        scope: result.scope,
        attempt: tabAttempt(),
        ...(stepUpsOpen > 0 ? { stepUp: true } : {}),
      }),
    });
    const body: unknown = await response.json().catch(() => null);
    const record = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
    if (response.ok) return { state: "signed-in", email: typeof record.email === "string" ? record.email : undefined };
    const message = typeof record.message === "string" ? record.message : "Signing in failed. Please try again.";
    return { state: "error", message, ...(typeof record.error === "string" ? { code: record.error } : {}) };
  } catch {
    return { state: "error", message: "We couldn't reach the store. Check your connection and try again." };
  }
}

/** Ends the store's session, then the shopper's Bolt session; true when the store confirmed it. */
export async function signOutOfStoreAndBolt(bolt: BoltGlobal | undefined): Promise<boolean> {
  const response = await fetch("/api/bolt/session", { method: "DELETE" }).catch(() => undefined);
  // Also end the shopper's Bolt session, so the modal won't sign them straight back in.
  await bolt?.helpers.logout().catch(() => undefined);
  return Boolean(response?.ok);
}
