import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { site } from "@/lib/site";
import { CartLink, CartLinkFallback } from "./cart-link";
import { Logo } from "./logo";
import styles from "./header.module.css";

/** The site header. `account` is the slot for the shopper's sign-in or account menu, rendered at the right end. */
export function Header({ account }: { account?: ReactNode }) {
  return (
    <header className={styles.header}>
      <div className={`container ${styles.bar}`}>
        <Link href="/" className={styles.brand}>
          <Logo className={styles.logo} />
          <span className={styles.wordmark}>{site.name}</span>
        </Link>
        <nav aria-label="Main" className={styles.nav}>
          <ul className={styles.links}>
            <li>
              <Link href="/" className={styles.link}>
                Shop
              </Link>
            </li>
            <li>
              <Suspense fallback={<CartLinkFallback className={styles.link} />}>
                <CartLink className={styles.link} />
              </Suspense>
            </li>
          </ul>
        </nav>
        {account ? <div className={styles.account}>{account}</div> : null}
      </div>
    </header>
  );
}
