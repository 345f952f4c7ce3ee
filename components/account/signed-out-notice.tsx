"use client";

import { useState } from "react";
import { useShopper } from "@/components/layout/shopper-summary";
import styles from "./signed-out-notice.module.css";

/** Floats over the page: a static page learns of it after first paint. */
export function SignedOutNotice() {
  const shopper = useShopper();
  const [dismissed, setDismissed] = useState(false);
  const [seen, setSeen] = useState<string | null>(null);
  const now = shopper.status === "ready" ? shopper.summary.signedOutNotice : null;
  // Kept until dismissed: the summary says it once.
  if (now && now !== seen) setSeen(now);
  const message = now ?? seen;
  if (dismissed || !message) return null;
  return (
    <div className={styles.notice} role="status">
      <p>{message}</p>
      <button type="button" className={styles.dismiss} onClick={() => setDismissed(true)}>
        Dismiss
      </button>
    </div>
  );
}
