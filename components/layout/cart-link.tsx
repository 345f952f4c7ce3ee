"use client";

import Link from "next/link";
import { useShopper } from "./shopper-summary";
import styles from "./cart-link.module.css";

/** Named "Cart, N items", starting with the word on screen, so voice control reaches it (WCAG 2.5.3). */
export function CartLink({ className }: { className?: string }) {
  const shopper = useShopper();
  const count = shopper.status === "ready" ? shopper.summary.cartCount : undefined;
  const name = count === undefined ? "Cart" : `Cart, ${count} ${count === 1 ? "item" : "items"}`;
  return (
    <Link href="/cart" className={`${className ?? ""} ${styles.cartLink}`}>
      <span className={styles.icon}>
        <CartIcon />
        {count ? (
          <span className={styles.count} aria-hidden="true">
            {count}
          </span>
        ) : null}
      </span>
      <span className={styles.text} aria-hidden="true">
        Cart
      </span>
      <span className="visually-hidden">{name}</span>
    </Link>
  );
}

function CartIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path
        d="M6 8h12l-1 11.2a1 1 0 0 1-1 .8H8a1 1 0 0 1-1-.8zM9 8V6.5a3 3 0 0 1 6 0V8"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
