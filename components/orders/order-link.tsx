"use client";

import { useState, useSyncExternalStore } from "react";
import { StepSection } from "@/components/ui/step-section";
import styles from "./orders.module.css";

const unchanging = () => () => {};

export function OrderLink({ path }: { path: string }) {
  // The origin the browser used, which a server behind a proxy may not know; the server's HTML has the path.
  const href = useSyncExternalStore(
    unchanging,
    () => new URL(path, window.location.href).href,
    () => path,
  );
  const canCopy = useSyncExternalStore(
    unchanging,
    () => Boolean(navigator.clipboard?.writeText),
    () => false,
  );
  const [copied, setCopied] = useState<boolean | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(href);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <StepSection title="Keep this link" data-testid="order-link">
      <p>
        This link brings you back to this order without an account. Bookmark it or keep it somewhere safe: anyone who
        has it can see the order.
      </p>
      <p className={styles.link}>
        <a href={path}>{href}</a>
      </p>
      {canCopy && (
        <div>
          <button type="button" className="button button-secondary" onClick={copy}>
            Copy link
          </button>
        </div>
      )}
      <p role="status" className={styles.copyStatus}>
        {copied === true && "Link copied."}
        {copied === false && "The link couldn't be copied. Select it and copy it instead."}
      </p>
    </StepSection>
  );
}
