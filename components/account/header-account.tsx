"use client";

import { loadShopperSummary, useShopper } from "@/components/layout/shopper-summary";
import { AccountMenu } from "./account-menu";
import { SignInPopover } from "./sign-in-popover";
import styles from "./account-menu.module.css";

/** A slot of fixed size, so nothing moves when a static page learns who is there. */
export function HeaderAccount() {
  const shopper = useShopper();
  if (shopper.status === "loading") {
    return (
      <span className={styles.placeholder} data-testid="account-loading">
        <span className="visually-hidden">Loading your account</span>
      </span>
    );
  }
  if (shopper.status === "failed") {
    return (
      <button type="button" className={styles.trigger} onClick={() => void loadShopperSummary()}>
        <span className={styles.name}>Retry</span>
        <span className="visually-hidden">: your account could not be loaded</span>
      </button>
    );
  }
  const { summary } = shopper;
  if (summary.signedIn) {
    return <AccountMenu displayName={summary.firstName || summary.email} email={summary.email} config={summary.bolt} />;
  }
  return <SignInPopover config={summary.bolt} />;
}
