import Link from "next/link";
import type { ReactNode } from "react";
import { Logo } from "@/components/layout/logo";
import { site } from "@/lib/site";
import styles from "./desk.module.css";

/** The desk's own header and `<main>`: no cart, no shopper account, nothing of the shop's. */
export function DeskFrame({ children }: { children: ReactNode }) {
  return (
    <>
      <header className={styles.header}>
        <div className={`container ${styles.bar}`}>
          <Link href="/admin" className={styles.brand}>
            <Logo />
            <span>
              {site.name} <span className={styles.deskName}>Order desk</span>
            </span>
          </Link>
          <Link href="/" className={styles.shopLink}>
            View the shop
          </Link>
        </div>
      </header>
      <main id="main" tabIndex={-1} className={`container ${styles.main}`}>
        {children}
      </main>
    </>
  );
}
