"use client";

import { useState } from "react";
import { useShopper } from "@/components/layout/shopper-summary";
import styles from "./signed-out-notice.module.css";

/**
 * Said once, right after Bolt refused to renew the session, so the shopper knows why. It floats
 * over the page rather than pushing it down, since a static page learns of it after first paint.
 */
export function SignedOutNotice() {
  const shopper = useShopper();
  const [dismissed, setDismissed] = useState(false);
  const [seen, setSeen] = useState(false);
  const now = shopper.status === "ready" && shopper.summary.signedOutNotice;
  // Kept on screen until dismissed: the summary says it once, and a later fetch says no more.
  if (now && !seen) setSeen(true);
  if (dismissed || !(now || seen)) return null;
  return (
    <div className={styles.notice} role="status">
      <p>You were signed out because your Bolt session ended. Please sign in again; your cart is kept.</p>
      <button type="button" className={styles.dismiss} onClick={() => setDismissed(true)}>
        Dismiss
      </button>
    </div>
  );
}
