import type { ReactNode } from "react";
import styles from "./status-message.module.css";

export function StatusMessage({
  title,
  children,
  actions,
}: {
  title: string;
  children: ReactNode;
  actions: ReactNode;
}) {
  return (
    <div className={`container ${styles.status}`}>
      {/* Focusable from script, e.g. when the cart's last line is removed (RemovalFocus). */}
      <h1 className={styles.title} tabIndex={-1}>
        {title}
      </h1>
      <div className={styles.body}>{children}</div>
      <div className={styles.actions}>{actions}</div>
    </div>
  );
}
