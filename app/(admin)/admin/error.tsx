"use client";

import styles from "@/components/admin/desk.module.css";

/** The ledger, Bolt or the shared state failed while the page was read: nothing changed; offer a retry. */
export default function DeskError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <div className={styles.notice} role="alert">
      <h1 className={styles.title}>The desk could not load this page</h1>
      <p>
        The order records or the desk&apos;s sessions didn&apos;t answer just now. Nothing about any order changed;
        please try again.
      </p>
      <button type="button" className="button" onClick={retry}>
        Try again
      </button>
    </div>
  );
}
