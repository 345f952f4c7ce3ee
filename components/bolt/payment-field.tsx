"use client";

import { useEffect, useImperativeHandle, useRef, useState, type Ref } from "react";
import { isCardToken, loadBolt, type BoltPaymentComponent, type BoltTokenizeFailure } from "./embed-script";
import type { PublicBoltConfig } from "@/lib/env";
import styles from "./payment.module.css";

const UNREAD = "Bolt couldn't read your card just now, so nothing was charged. Please try again.";

export type TokenizeOutcome = { ok: true; card: string } | { ok: false; message: string };

export type PaymentFieldHandle = { tokenize(): Promise<TokenizeOutcome> };

/** Card details are typed into Bolt's frame: no card number exists in this page or on our server. */
export function PaymentField({ config, ref }: { config: PublicBoltConfig; ref: Ref<PaymentFieldHandle> }) {
  const container = useRef<HTMLDivElement>(null);
  const field = useRef<BoltPaymentComponent | null>(null);
  const [state, setState] = useState<"loading" | "ready" | "unavailable">("loading");
  const { connectUrl, publishableKey } = config;

  useEffect(() => {
    let cancelled = false;
    loadBolt({ connectUrl, publishableKey })
      .then((bolt) => {
        if (cancelled || !container.current) return;
        // Without it Bolt's newer field has no ZIP input, and the server takes the billing address's.
        const component = bolt.create("payment_component", { showBillingZIPField: true });
        component.mount(container.current);
        field.current = component;
        setState("ready");
      })
      .catch(() => {
        if (!cancelled) setState("unavailable");
      });
    return () => {
      cancelled = true;
      field.current?.unmount();
      field.current = null;
    };
  }, [connectUrl, publishableKey]);

  useImperativeHandle(
    ref,
    () => ({
      async tokenize() {
        const component = field.current;
        if (!component) return { ok: false, message: "Bolt's card field isn't ready yet. Please try again." };
        let result: unknown;
        try {
          result = await component.tokenize();
        } catch {
          return { ok: false, message: UNREAD };
        }
        if (isCardToken(result)) return { ok: true, card: JSON.stringify(result) };
        // Bolt's own words about a field, when it gives them; an `Error` says nothing the shopper can act on.
        const told = result instanceof Error ? undefined : (result as Partial<BoltTokenizeFailure> | null)?.message;
        return typeof told === "string" && told
          ? { ok: false, message: `Check your card details: ${told}` }
          : { ok: false, message: UNREAD };
      },
    }),
    [],
  );

  return (
    <div className={styles.field} data-testid="payment-field" data-state={state}>
      {state === "loading" && <p className={styles.loading}>Loading Bolt&apos;s secure card field…</p>}
      {state === "unavailable" && (
        <p className={styles.unavailable} role="alert">
          Bolt&apos;s card field couldn&apos;t be loaded. Reload the page to try again.
        </p>
      )}
      <div ref={container} className={styles.frame} />
    </div>
  );
}
