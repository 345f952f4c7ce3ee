"use client";

import { startTransition, useActionState, useRef, useState, type FormEvent } from "react";
import type { CheckoutState } from "@/lib/checkout/messages";
import type { PaymentFieldHandle } from "@/components/bolt/payment-field";

type PlaceOrderAction = (previous: CheckoutState, form: FormData) => Promise<CheckoutState>;

/**
 * A new card is tokenized by Bolt's field first; only the token joins the form. A transition, not the
 * form's action, so React doesn't reset the form and a declined shopper's choices stay.
 */
export function usePaymentForm(action: PlaceOrderAction) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const field = useRef<PaymentFieldHandle>(null);
  const [tokenizing, setTokenizing] = useState(false);
  const [problem, setProblem] = useState<string>();

  async function submit(
    event: FormEvent<HTMLFormElement>,
    options: { withCard: boolean; extra?: Record<string, string> },
  ) {
    event.preventDefault();
    if (pending || tokenizing) return;
    const data = new FormData(event.currentTarget);
    for (const [name, value] of Object.entries(options.extra ?? {})) data.set(name, value);
    setProblem(undefined);
    if (options.withCard) {
      setTokenizing(true);
      const outcome = (await field.current?.tokenize()) ?? {
        ok: false,
        message: "Bolt's card field isn't ready yet. Please try again.",
      };
      setTokenizing(false);
      if (!outcome.ok) {
        setProblem(outcome.message);
        return;
      }
      data.set("card", outcome.card);
    }
    startTransition(() => formAction(data));
  }

  const message = problem ?? (state.status === "error" || state.status === "cart-changed" ? state.message : undefined);
  return { state, field, submit, busy: pending || tokenizing, message };
}
