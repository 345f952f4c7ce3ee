"use client";

import Link, { useLinkStatus } from "next/link";
import type { ReactNode } from "react";
import styles from "./desk.module.css";

function Opening() {
  const { pending } = useLinkStatus();
  return <span className={styles.linkHint} data-pending={pending || undefined} aria-hidden="true" />;
}

/** A link to a page that reads the ledger: a small spinner beside it while the page comes. */
export function PendingLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} prefetch={false}>
      {children}
      <Opening />
    </Link>
  );
}
