import { useId } from "react";
import { LoginModal } from "@/components/bolt/login-modal";
import type { PublicBoltConfig } from "@/lib/env";
import styles from "./orders.module.css";

/** Signed out on "Your orders": Bolt's sign-in, as in the header, and where guests find their orders. */
export function OrdersSignIn({ config }: { config: PublicBoltConfig }) {
  const headingId = useId();
  return (
    <>
      <section className={styles.signIn} aria-labelledby={headingId}>
        <h2 id={headingId}>Sign in to see your orders</h2>
        <p className={styles.note}>Enter the email of your Bolt account; Bolt sends a one-time code to confirm it.</p>
        <LoginModal config={config} context="sign_in" />
      </section>
      <p className={styles.note}>
        Ordered as a guest? Your order confirmation has a link to your order: open it in full, or come back in the
        browser you ordered from.
      </p>
    </>
  );
}
