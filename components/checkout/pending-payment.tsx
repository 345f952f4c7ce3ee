"use client";

import { useActionState } from "react";
import { PendingButton } from "@/components/ui/pending-button";
import { StepSection } from "@/components/ui/step-section";
import { checkPendingPayment } from "@/app/(checkout)/checkout/actions";
import type { CheckoutState } from "@/lib/checkout/messages";
import styles from "./checkout.module.css";

/** Checking resends the same request: Bolt answers with the first result, so nobody is charged twice. */
export function PendingPayment({ totalLabel }: { totalLabel: string }) {
  const [state, formAction] = useActionState<CheckoutState, FormData>(checkPendingPayment, { status: "idle" });
  return (
    <StepSection title="Your last payment isn't confirmed yet" data-testid="pending-payment">
      <p className={styles.hint}>
        Bolt didn&apos;t answer when you paid {totalLabel}. Check it before you pay again: if it went through,
        you&apos;ll see your order. Either way you won&apos;t be charged twice.
      </p>
      <form action={formAction}>
        <PendingButton className={styles.secondary} pendingLabel="Checking with Bolt…">
          Check my payment
        </PendingButton>
      </form>
      {state.status === "error" && (
        <p role="alert" className={styles.error}>
          {state.message}
        </p>
      )}
    </StepSection>
  );
}
