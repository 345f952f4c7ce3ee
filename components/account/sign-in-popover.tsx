"use client";

import { useId, useState } from "react";
import type { PublicBoltConfig } from "@/lib/env";
import { LoginModal } from "@/components/bolt/login-modal";
import { useDisclosure } from "./use-disclosure";
import styles from "./account-menu.module.css";

/** The header's "Sign in": an email field Bolt's login modal attaches to, in a small panel. */
export function SignInPopover({ config }: { config: PublicBoltConfig }) {
  const { open, root, panelId, triggerProps } = useDisclosure();
  const [noAccount, setNoAccount] = useState<string>();
  const headingId = useId();

  return (
    <div ref={root} className={styles.root}>
      <button {...triggerProps} className={styles.trigger}>
        <span className={styles.name}>Sign in</span>
      </button>
      {open && (
        <section id={panelId} className={styles.panel} aria-labelledby={headingId}>
          <h2 id={headingId} className={styles.panelHeading}>
            Sign in with Bolt
          </h2>
          <LoginModal
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
