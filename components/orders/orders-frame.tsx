import type { ReactNode } from "react";
import styles from "./orders.module.css";

/** "Your orders": its heading, and the list, its skeleton or the sign-in below it. */
export function OrdersFrame({ children }: { children: ReactNode }) {
  return (
    <div className={`container ${styles.page}`}>
      <h1 className={styles.title}>Your orders</h1>
      {children}
    </div>
  );
}
