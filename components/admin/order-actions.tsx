"use client";

import { useActionState, useId, type ReactNode } from "react";
import { actOnOrder } from "@/app/(admin)/admin/orders/[orderId]/actions";
import { PendingButton } from "@/components/ui/pending-button";
import type { DeskAction } from "@/lib/admin/desk";
import type { DeskActionState } from "@/lib/admin/desk-actions";
import styles from "./desk.module.css";

type Money = { text: string; shown: string };

type Props = {
  orderId: string;
  /** The same for everyone looking at this state of the order: a double click or two merchants send one request. */
  operation: string;
  actions: readonly DeskAction[];
  capturable: Money;
  refundable: Money;
};

const PENDING: Record<DeskAction, string> = {
  ship: "Capturing…",
  capture: "Capturing…",
  void: "Voiding…",
  refund: "Refunding…",
  approve: "Approving…",
  reject: "Rejecting…",
  refresh: "Reading Bolt…",
};

type FormProps = {
  intent: DeskAction;
  orderId: string;
  operation: string;
  formAction: (form: FormData) => void;
  children: ReactNode;
};

function ActionForm({ intent, orderId, operation, formAction, children }: FormProps) {
  return (
    <form action={formAction} className={styles.actionForm} data-testid={`desk-${intent}`}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="operation" value={operation} />
      {children}
    </form>
  );
}

type SubmitProps = { intent: DeskAction; pending: boolean; secondary?: boolean; children: ReactNode };

/** While any action waits for Bolt, every button holds still; the pressed one says what it is doing. */
function Submit({ intent, pending, secondary = false, children }: SubmitProps) {
  return (
    <PendingButton
      className={`button ${secondary ? "button-secondary" : ""}`}
      pendingLabel={PENDING[intent]}
      unavailable={pending}
    >
      {children}
    </PendingButton>
  );
}

export function OrderActions({ orderId, operation, actions, capturable, refundable }: Props) {
  const [state, formAction, pending] = useActionState<DeskActionState, FormData>(actOnOrder, { status: "idle" });
  const ids = useId();
  const has = (action: DeskAction) => actions.includes(action);
  /** Kept when the last press was refused. */
  const typed = (intent: DeskAction, field: "amount" | "reason", fallback: string) =>
    state.status !== "idle" && state.status !== "done" && state.intent === intent
      ? (state.fields?.[field] ?? fallback)
      : fallback;
  const failed = state.status !== "idle" && state.status !== "done";
  const form = { orderId, operation, formAction };

  return (
    <section aria-labelledby={`${ids}-heading`} className={styles.panel}>
      <h2 id={`${ids}-heading`} className={styles.sectionTitle}>
        Actions
      </h2>
      <div className={styles.result}>
        <p role="status" data-testid="desk-result" className={styles.resultDone}>
          {pending ? "Waiting for Bolt's answer…" : state.status === "done" ? state.message : ""}
        </p>
        <p role="alert" data-testid="desk-error" className={styles.resultError}>
          {!pending && failed ? state.message : ""}
        </p>
      </div>
      {actions.length === 0 && (
        <p className={styles.muted}>Nothing to do here: Bolt has no payment for this order yet, or it is settled.</p>
      )}
      {has("ship") && (
        <ActionForm {...form} intent="ship">
          <p className={styles.actionNote}>Captures the {capturable.shown} still held, now that the order ships.</p>
          <Submit pending={pending} intent="ship">
            Mark as shipped
          </Submit>
        </ActionForm>
      )}
      {has("capture") && (
        <ActionForm {...form} intent="capture">
          <div className={styles.field}>
            <label htmlFor={`${ids}-capture`}>Amount to capture</label>
            <input
              id={`${ids}-capture`}
              name="amount"
              inputMode="decimal"
              autoComplete="off"
              required
              maxLength={32}
              defaultValue={typed("capture", "amount", capturable.text)}
              aria-describedby={`${ids}-capture-hint`}
            />
            <span id={`${ids}-capture-hint`} className={styles.hint}>
              Up to {capturable.shown}: all of it, or part now and the rest later.
            </span>
          </div>
          <Submit pending={pending} intent="capture" secondary={has("ship")}>
            Capture
          </Submit>
        </ActionForm>
      )}
      {has("refund") && (
        <ActionForm {...form} intent="refund">
          <div className={styles.field}>
            <label htmlFor={`${ids}-refund`}>Amount to refund</label>
            <input
              id={`${ids}-refund`}
              name="amount"
              inputMode="decimal"
              autoComplete="off"
              required
              maxLength={32}
              defaultValue={typed("refund", "amount", refundable.text)}
              aria-describedby={`${ids}-refund-hint`}
            />
            <span id={`${ids}-refund-hint`} className={styles.hint}>
              Up to {refundable.shown}, what was captured and not refunded.
            </span>
          </div>
          <div className={styles.field}>
            <label htmlFor={`${ids}-reason`}>Reason</label>
            <input
              id={`${ids}-reason`}
              name="reason"
              required
              maxLength={500}
              autoComplete="off"
              defaultValue={typed("refund", "reason", "")}
              aria-describedby={`${ids}-reason-hint`}
            />
            <span id={`${ids}-reason-hint`} className={styles.hint}>
              Kept in the order&apos;s timeline.
            </span>
          </div>
          <Submit pending={pending} intent="refund">
            Refund
          </Submit>
        </ActionForm>
      )}
      {(has("approve") || has("reject")) && (
        <div className={styles.actionGroup}>
          <p className={styles.actionNote}>Bolt holds this payment for review. Approve it to go on, or reject it.</p>
          <div className={styles.buttonRow}>
            <ActionForm {...form} intent="approve">
              <Submit pending={pending} intent="approve">
                Approve
              </Submit>
            </ActionForm>
            <ActionForm {...form} intent="reject">
              <Submit pending={pending} intent="reject" secondary>
                Reject
              </Submit>
            </ActionForm>
          </div>
        </div>
      )}
      <div className={styles.buttonRow}>
        {has("void") && (
          <ActionForm {...form} intent="void">
            <Submit pending={pending} intent="void" secondary>
              Void the authorization
            </Submit>
          </ActionForm>
        )}
        {has("refresh") && (
          <ActionForm {...form} intent="refresh">
            <Submit pending={pending} intent="refresh" secondary>
              Refresh from Bolt
            </Submit>
          </ActionForm>
        )}
      </div>
    </section>
  );
}
