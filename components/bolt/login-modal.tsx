"use client";

import { useRouter } from "next/navigation";
import { useEffect, useEffectEvent, useId, useRef, useState } from "react";
import { loadShopperSummary } from "@/components/layout/shopper-summary";
import type { PublicBoltConfig } from "@/lib/env";
import { getLoginModal, loadBolt, logOutOfBolt, type BoltGlobal, type BoltLoginResult } from "./embed-script";
import styles from "./login-modal.module.css";

type Props = {
  config: PublicBoltConfig;
  context: "sign_in" | "checkout";
  label?: string;
  defaultEmail?: string;
  readOnly?: boolean;
  autoFocus?: boolean;
  onAccountCheck?: (hasAccount: boolean, email: string) => void;
  onSignedIn?: () => void;
  /** The code must confirm the signed-in account; another account's is refused. */
  stepUp?: { onRefused: (message: string) => void };
  onModalClosed?: () => void;
  /** Bolt's `attemptLogin` once on load: a shopper with a live Bolt session is signed in without a code. */
  silentSignIn?: boolean;
};

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
  silentSignIn = false,
}: Props) {
  const router = useRouter();
  const inputId = useId();
  const statusId = useId();
  const container = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<LoginStatus>({ state: "idle" });
  // Bolt closes its modal right after a sign-in too; the state must be known at once, not at the next render.
  const latest = useRef<LoginStatus["state"]>("idle");
  const [unavailable, setUnavailable] = useState(false);
  // Effect events, so new callbacks do not re-attach the Bolt wiring.
  const signedIn = useEffectEvent(() => {
    // A static page's header asks the server again; a dynamic page's comes with the refresh.
    void loadShopperSummary();
    if (onSignedIn) onSignedIn();
    else router.refresh();
  });
  const accountChecked = useEffectEvent((hasAccount: boolean, email: string) => onAccountCheck?.(hasAccount, email));
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
        if (silentSignIn) attemptSilentSignIn(bolt);
      })
      .catch(() => {
        if (!cancelled) setUnavailable(true);
      });
    return () => {
      cancelled = true;
      cleanup();
    };
  }, [connectUrl, publishableKey, context, silentSignIn]);

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

function triggerDetection(field: HTMLInputElement | null) {
  if (!field?.value) return;
  field.dispatchEvent(new Event("input", { bubbles: true }));
  field.dispatchEvent(new Event("change", { bubbles: true }));
}

let silentTried = false;

/** Once per page load; Bolt answers through `login_complete` only when this browser has a Bolt session. */
function attemptSilentSignIn(bolt: BoltGlobal) {
  if (silentTried) return;
  silentTried = true;
  try {
    void getLoginModal(bolt)
      .attemptLogin({})
      .catch(() => undefined);
  } catch {
    // A script without silent sign-in: the shopper types their email as usual.
  }
}

// The page's one login flow, shared by every mounted field (header and checkout).

type LoginStatus =
  | { state: "idle" }
  | { state: "verifying" }
  | { state: "signed-in"; email?: string }
  | { state: "error"; message: string; code?: string };

type Listener = (status: LoginStatus) => void;

const listeners = new Set<Listener>();
let watching = false;

let attempt: string | undefined;

let stepUpsOpen = 0;

function holdStepUp(): () => void {
  stepUpsOpen += 1;
  let released = false;
  return () => {
    if (!released) stepUpsOpen -= 1;
    released = true;
  };
}

/** `getRandomValues`, unlike `randomUUID`, also works on a plain-http LAN demo. */
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

/** One `login_complete` handler per page, however many fields are mounted, so a code is posted once. */
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

/**
 * True when the store confirmed the sign-out: the store remembers it, so it never depends on ending the
 * Bolt session, which Bolt's script may not offer.
 */
export async function signOutOfStoreAndBolt(): Promise<boolean> {
  const response = await fetch("/api/bolt/session", { method: "DELETE" }).catch(() => undefined);
  await logOutOfBolt();
  return Boolean(response?.ok);
}
