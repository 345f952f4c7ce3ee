"use client";

import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import type { CheckoutState } from "@/lib/checkout/messages";
import type { PaymentFieldHandle } from "@/components/bolt/payment-field";

type PlaceOrderAction = (previous: CheckoutState, form: FormData) => Promise<CheckoutState>;

/** A payment Bolt is still confirming after this long says so: a card processor may take half a minute. */
const SLOW_PAYMENT_MS = 3000;

/** A transition, not the form's action, so React doesn't reset the form and a declined shopper's choices stay. */
export function usePaymentForm(action: PlaceOrderAction) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const field = useRef<PaymentFieldHandle>(null);
  const [tokenizing, setTokenizing] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [slow, setSlow] = useState(false);

  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => setSlow(true), SLOW_PAYMENT_MS);
    return () => {
      clearTimeout(timer);
      setSlow(false);
    };
  }, [pending]);

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
      // Whatever Bolt's field does, the button comes back.
      const outcome = await (field.current?.tokenize() ?? Promise.resolve(undefined))
        .catch(() => undefined)
        .finally(() => setTokenizing(false));
      if (!outcome) {
        setProblem("Bolt's card field isn't ready yet. Please try again.");
        return;
      }
      if (!outcome.ok) {
        setProblem(outcome.message);
        return;
      }
      data.set("card", outcome.card);
    }
    startTransition(() => formAction(data));
  }

  const message = problem ?? (state.status === "error" || state.status === "cart-changed" ? state.message : undefined);
  const pendingLabel = slow ? "Still confirming with Bolt…" : "Placing your order…";
  return { state, field, submit, busy: pending || tokenizing, message, pendingLabel };
}
