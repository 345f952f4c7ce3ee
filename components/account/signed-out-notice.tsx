import { getSignedOutNotice } from "@/lib/auth";
import styles from "./signed-out-notice.module.css";

/** Said once, right after Bolt refused to renew the session, so the shopper knows why. */
export async function SignedOutNotice() {
  if ((await getSignedOutNotice()) !== "expired") return null;
  return (
    <div className={styles.notice} role="status">
      <p className="container">
        You were signed out because your Bolt session ended. Please sign in again; your cart is kept.
      </p>
    </div>
  );
}
