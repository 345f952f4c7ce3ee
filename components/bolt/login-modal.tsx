"use client";

import { useRouter } from "next/navigation";
import { useEffect, useEffectEvent, useId, useRef, useState } from "react";
import { loadShopperSummary } from "@/components/layout/shopper-summary";
import type { PublicBoltConfig } from "@/lib/env";
import { getLoginModal, loadBolt, loadedBolt, type BoltGlobal, type BoltLoginResult } from "./embed-script";
import styles from "./login-modal.module.css";

type Props = {
  config: PublicBoltConfig;
  /** Bolt's login context: `sign_in` from the header, `checkout` on the checkout page. */
  context: "sign_in" | "checkout";
  label?: string;
  defaultEmail?: string;
  /** Locks the field (step-up: the shopper re-verifies the account they are signed in to). */
  readOnly?: boolean;
  autoFocus?: boolean;
  onAccountCheck?: (hasAccount: boolean, email: string) => void;
  onSignedIn?: () => void;
  /**
   * A step-up: the code must confirm the signed-in account. The server refuses another account's
   * (keeping the session), and `onRefused` gets its reason instead of the usual retry.
   */
  stepUp?: { onRefused: (message: string) => void };
  /** The shopper closed Bolt's modal without signing in. */
  onModalClosed?: () => void;
};

/**
 * An email field that Bolt's login modal is attached to. Bolt detects an account as the shopper
 * types, opens its one-time-code modal, and this component posts the resulting code to the server.
 */
export function LoginModal({
  config,
  context,
  label = "Email",
  defaultEmail,
  readOnly,
  autoFocus,
  onAccountCheck,
  onSignedIn,
  stepUp,
  onModalClosed,
}: Props) {
  const router = useRouter();
  const inputId = useId();
  const statusId = useId();
  const container = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<LoginStatus>({ state: "idle" });
  // Bolt closes its modal right after a successful sign-in too; the state must be known at once, not at the next render.
  const latest = useRef<LoginStatus["state"]>("idle");
  const [unavailable, setUnavailable] = useState(false);
  // Effect events see the latest props without being dependencies, so the Bolt wiring is not
  // re-attached each time a parent passes new callbacks.
  const signedIn = useEffectEvent(() => {
    // A static page's header asks the server again; a dynamic page's comes back with the refresh.
    void loadShopperSummary();
    if (onSignedIn) onSignedIn();
    else router.refresh();
  });
  const accountChecked = useEffectEvent((hasAccount: boolean, email: string) => onAccountCheck?.(hasAccount, email));
  /** True when the answer was a step-up refused for another account, now handed to `onRefused`. */
  const refused = useEffectEvent((next: LoginStatus) => {
    if (!stepUp || next.state !== "error" || next.code !== "account_mismatch") return false;
    stepUp.onRefused(next.message);
    return true;
  });
  const isStepUp = Boolean(stepUp);

  useEffect(() => (isStepUp ? holdStepUp() : undefined), [isStepUp]);
  const modalClosed = useEffectEvent(() => {
    if (latest.current === "idle" || latest.current === "error") onModalClosed?.();
  });

  const { connectUrl, publishableKey } = config;

  useEffect(() => {
    let cleanup = () => {};
    let cancelled = false;
    loadBolt({ connectUrl, publishableKey })
      .then((bolt) => {
        if (cancelled || !container.current) return;
        const detach = getLoginModal(bolt).attach(container.current, { context });
        const stopWatching = watchLogin(bolt, (next) => {
          latest.current = next.state;
          if (refused(next)) return;
          setStatus(next);
          if (next.state === "signed-in") signedIn();
        });
        const stopChecking = bolt.on("account_check_complete", ({ email, result }) => {
          const own = input.current?.value.trim().toLowerCase();
          if (typeof result !== "boolean" || !email || email.toLowerCase() !== own) return;
          accountChecked(result, email);
        });
        const stopClosing = bolt.on("login_modal_closed", () => modalClosed());
        cleanup = () => {
          detach();
          stopWatching();
          stopChecking();
          stopClosing();
        };
        // An email typed or autofilled before Bolt's script arrived still gets detected.
        triggerDetection(input.current);
      })
      .catch(() => {
        if (!cancelled) setUnavailable(true);
      });
    return () => {
      cancelled = true;
      cleanup();
    };
  }, [connectUrl, publishableKey, context]);

  return (
    <div className={styles.field}>
      <div ref={container} className={styles.container}>
        <label htmlFor={inputId} className={styles.label}>
          {label}
        </label>
        <input
          ref={input}
          id={inputId}
          className={styles.input}
          type="email"
          name="email"
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          required
          defaultValue={defaultEmail}
          readOnly={readOnly}
          autoFocus={autoFocus}
          aria-describedby={statusId}
        />
      </div>
      <div id={statusId} role="status" aria-live="polite" className={styles.status}>
        {unavailable && (
          <p className={styles.error}>Bolt sign-in is unavailable right now. Reload the page to try again.</p>
        )}
        {status.state === "verifying" && <p>Signing you in…</p>}
        {status.state === "signed-in" && <p>Signed in. Loading your saved details…</p>}
        {status.state === "error" && (
          <p className={styles.error}>
            {status.message}{" "}
            <button type="button" className={styles.retry} onClick={() => triggerDetection(input.current)}>
              Try again
            </button>
          </p>
        )}
      </div>
    </div>
  );
}

/** Re-runs Bolt's email detection the way typing does, which reopens the modal for a Bolt account. */
function triggerDetection(field: HTMLInputElement | null) {
  if (!field?.value) return;
  field.dispatchEvent(new Event("input", { bubbles: true }));
  field.dispatchEvent(new Event("change", { bubbles: true }));
}

// The page's one login flow, shared by every mounted field (header and checkout).

type LoginStatus =
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
function holdStepUp(): () => void {
  stepUpsOpen += 1;
  let released = false;
  return () => {
    if (!released) stepUpsOpen -= 1;
    released = true;
  };
}

/**
 * This tab's sign-in nonce, sent with every code. The server hands a second POST of the same code
 * the first one's session only when it carries the same nonce (see lib/auth/sign-in.ts).
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
function watchLogin(bolt: BoltGlobal, listener: Listener): () => void {
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
export async function signOutOfStoreAndBolt(): Promise<boolean> {
  const response = await fetch("/api/bolt/session", { method: "DELETE" }).catch(() => undefined);
  // Also end the shopper's Bolt session, so the modal won't sign them straight back in.
  await loadedBolt()
    ?.helpers.logout()
    .catch(() => undefined);
  return Boolean(response?.ok);
}
