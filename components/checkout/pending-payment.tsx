"use client";

import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { PendingButton } from "@/components/ui/pending-button";
import { StepSection } from "@/components/ui/step-section";
import { checkPendingPayment } from "@/app/(checkout)/checkout/actions";
import type { CheckoutState } from "@/lib/checkout/messages";
import styles from "./checkout.module.css";

/** The check resends the same request, so Bolt answers with the first result and nobody pays twice. */
export function PendingPayment({ totalLabel }: { totalLabel: string }) {
  const [state, formAction, checking] = useActionState<CheckoutState, FormData>(checkPendingPayment, {
    status: "idle",
  });
  const checked = useRef(false);
  // The check on load is quiet while the answer is unknown: the notice says so already.
  const [manual, setManual] = useState(false);
  useEffect(() => {
    if (checked.current) return;
    checked.current = true;
    startTransition(() => formAction(new FormData()));
  }, [formAction]);
  return (
    <StepSection title="Your last payment isn't confirmed yet" data-testid="pending-payment">
      <p className={styles.hint}>
        Bolt didn&apos;t answer when you paid {totalLabel}.{" "}
        {checking
          ? "Checking it with Bolt now…"
          : "Check it before you pay again: if it went through, you'll see your order."}{" "}
        Either way you won&apos;t be charged twice.
      </p>
      <form
        action={(data) => {
          setManual(true);
          formAction(data);
        }}
      >
        <PendingButton className={styles.secondary} pendingLabel="Checking with Bolt…">
          Check my payment
        </PendingButton>
      </form>
      {state.status === "error" && (manual || !state.unconfirmed) && (
        <p role="alert" className={styles.error}>
          {state.message}
        </p>
      )}
    </StepSection>
  );
}
