import type { ReactNode } from "react";
import styles from "./orders.module.css";

export function OrdersFrame({ children }: { children: ReactNode }) {
  return (
    <div className={`container ${styles.page}`}>
      <h1 className={styles.title}>Your orders</h1>
      {children}
    </div>
  );
}
