"use client";

import Link from "next/link";
import { useShopper } from "./shopper-summary";
import styles from "./cart-link.module.css";

/**
 * Named by its own text, "Cart, N items", which begins with the word on screen, so a voice-control
 * user who says "Cart" reaches it (WCAG 2.5.3). The visible word and badge are hidden from assistive
 * tech: the hidden text says both, in one run, so no stray space splits the name. Until the count
 * is known the link is just "Cart"; the badge sits over the icon, so its arrival moves nothing.
 */
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
