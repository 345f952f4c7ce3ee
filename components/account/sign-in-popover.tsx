"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { PublicBoltConfig } from "./bolt-embed";
import { BoltEmailLogin } from "./bolt-email-login";
import styles from "./account-menu.module.css";

/** The header's "Sign in": an email field Bolt's login modal attaches to, in a small panel. */
export function SignInPopover({ config }: { config: PublicBoltConfig }) {
  const [open, setOpen] = useState(false);
  const [noAccount, setNoAccount] = useState<string>();
  const panelId = useId();
  const headingId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      // Bolt's modal handles its own Escape; only close the panel when focus is inside it.
      if (event.key !== "Escape" || !root.current?.contains(document.activeElement)) return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <div ref={root} className={styles.root}>
      <button
        ref={button}
        type="button"
        className={styles.trigger}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className={styles.name}>Sign in</span>
      </button>
      {open && (
        <section id={panelId} className={styles.panel} aria-labelledby={headingId}>
          <h2 id={headingId} className={styles.panelHeading}>
            Sign in with Bolt
          </h2>
          <BoltEmailLogin
            config={config}
            context="sign_in"
            autoFocus
            onAccountCheck={(hasAccount, email) => setNoAccount(hasAccount ? undefined : email)}
          />
          {noAccount ? (
            <p className={styles.email}>
              There is no Bolt account for {noAccount}. You can still check out as a guest.
            </p>
          ) : (
            <p className={styles.email}>We&apos;ll send a one-time code to confirm it&apos;s you.</p>
          )}
        </section>
      )}
    </div>
  );
}
