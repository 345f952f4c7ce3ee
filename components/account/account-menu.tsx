"use client";

import Link from "next/link";
import { useState } from "react";
import { PendingButton } from "@/components/ui/pending-button";
import { signOutOfStoreAndBolt } from "@/components/bolt/login-modal";
import { LoginStatus } from "@/components/bolt/login-status";
import type { PublicBoltConfig } from "@/lib/env";
import { useDisclosure } from "./use-disclosure";
import styles from "./account-menu.module.css";

type Props = { displayName: string; email: string; config: PublicBoltConfig };

/** Bolt's own login status sits beside it: its "Log out of Bolt" signs the shopper out here too. */
export function AccountMenu({ displayName, email, config }: Props) {
  const { open, root, panelId, triggerProps, close } = useDisclosure();
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);

  async function logOut() {
    setPending(true);
    setFailed(false);
    const ok = await signOutOfStoreAndBolt();
    if (!ok) {
      setPending(false);
      setFailed(true);
      return;
    }
    // A full load drops every client-side copy of account data (router cache, form state).
    window.location.replace(window.location.pathname);
  }

  return (
    <div ref={root} className={styles.root}>
      <button {...triggerProps} className={styles.trigger} data-testid="signed-in-button">
        <span className={styles.avatar} aria-hidden="true">
          {displayName.slice(0, 1).toUpperCase()}
        </span>
        <span className={styles.name}>{displayName}</span>
        <span className="visually-hidden">, account menu</span>
      </button>
      <div id={panelId} className={styles.panel} hidden={!open}>
        <p className={styles.email}>
          Signed in with Bolt as <strong>{email}</strong>
        </p>
        <Link href="/orders" className={styles.menuLink} onClick={close}>
          Your orders
        </Link>
        <PendingButton
          type="button"
          className={styles.logout}
          onClick={logOut}
          pending={pending}
          pendingLabel="Logging out…"
        >
          Log out
        </PendingButton>
        {failed && (
          <p role="alert" className={styles.error}>
            Logging out failed. Please try again.
          </p>
        )}
        {open && <LoginStatus config={config} onLogout={() => void logOut()} />}
      </div>
    </div>
  );
}
