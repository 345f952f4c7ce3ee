import Link from "next/link";
import { site } from "@/lib/site";
import styles from "./footer.module.css";

export function Footer() {
  return (
    <footer className={styles.footer}>
      <div className={`container ${styles.inner}`}>
        <p className={styles.brand}>{site.name}</p>
        <p className={styles.note}>
          A demo storefront for Bolt one-click checkout, running against a local Bolt emulator. The products are
          illustrations and no real orders are placed.
        </p>
        <nav aria-label="Footer">
          <ul className={styles.links}>
            <li>
              <Link href="/">Shop</Link>
            </li>
            <li>
              <Link href="/cart">Cart</Link>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
