import Link from "next/link";
import { HeaderAccount } from "@/components/account/header-account";
import { site } from "@/lib/site";
import { CartLink } from "./cart-link";
import { Logo } from "./logo";
import styles from "./header.module.css";

/** The per-shopper parts are client islands: a static page fills them in the browser. */
export function Header() {
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
              <CartLink className={styles.link} />
            </li>
          </ul>
        </nav>
        <div className={styles.account} data-testid="account-slot">
          <HeaderAccount />
        </div>
      </div>
    </header>
  );
}
