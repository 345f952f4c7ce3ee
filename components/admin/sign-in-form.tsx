"use client";

import { useActionState } from "react";
import { signInToDesk, type SignInState } from "@/app/(admin)/admin/actions";
import { PendingButton } from "@/components/ui/pending-button";
import styles from "./desk.module.css";

/** The desk's one password; works without JavaScript (the form posts, the page answers). */
export function SignInForm({ next }: { next: string }) {
  const [state, formAction] = useActionState<SignInState, FormData>(signInToDesk, {});
  return (
    <div className={styles.signIn}>
      <h1 className={styles.title}>Sign in to the order desk</h1>
      <p className={styles.muted}>
        Capture, refund and review the store&apos;s orders. Shoppers&apos; accounts don&apos;t open it.
      </p>
      <form action={formAction} className={styles.signInForm}>
        <input type="hidden" name="next" value={next} />
        <div className={styles.field}>
          <label htmlFor="desk-password">Password</label>
          <input
            id="desk-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={1024}
            aria-describedby={state.message ? "desk-sign-in-error" : undefined}
            aria-invalid={state.message ? true : undefined}
          />
        </div>
        <p id="desk-sign-in-error" role="alert" className={styles.error}>
          {state.message}
        </p>
        <PendingButton className="button" pendingLabel="Signing in…">
          Sign in
        </PendingButton>
      </form>
    </div>
  );
}
