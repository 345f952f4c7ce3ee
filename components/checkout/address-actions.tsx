"use client";

import { useActionState, useEffect, useRef } from "react";
import { PendingButton } from "@/components/ui/pending-button";
import { deleteSavedAddress, makeDefaultAddress, type ActionState } from "@/app/(checkout)/checkout/address-actions";
import { useStepUp } from "@/components/bolt/step-up";
import styles from "./choices.module.css";

type EditAction = (previous: ActionState, form: FormData) => Promise<ActionState>;

/** After a step-up the same form is submitted again, so the edit goes through without a second click. */
export function useEditForm(action: EditAction) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const form = useRef<HTMLFormElement>(null);
  const stepUp = useStepUp();
  useEffect(() => {
    if (state.status === "step-up") stepUp.request(() => form.current?.requestSubmit());
  }, [state, stepUp]);
  return { state, formAction, form };
}

function EditButton({
  action,
  addressId,
  label,
  pendingLabel,
  addressName,
}: {
  action: EditAction;
  addressId: string;
  label: string;
  pendingLabel: string;
  addressName: string;
}) {
  const { state, formAction, form } = useEditForm(action);
  return (
    <form ref={form} action={formAction} className={styles.inlineForm}>
      <input type="hidden" name="addressId" value={addressId} />
      <PendingButton className={styles.small} pendingLabel={pendingLabel}>
        {label}
        <span className="visually-hidden">: {addressName}</span>
      </PendingButton>
      {state.status === "error" && (
        <p role="alert" className={styles.inlineError}>
          {state.message}
        </p>
      )}
    </form>
  );
}

export function AddressActions({
  addressId,
  isDefault,
  addressName,
}: {
  addressId: string;
  isDefault: boolean;
  addressName: string;
}) {
  return (
    <div className={styles.actions}>
      {!isDefault && (
        <EditButton
          action={makeDefaultAddress}
          addressId={addressId}
          label="Make default"
          pendingLabel="Saving…"
          addressName={addressName}
        />
      )}
      <EditButton
        action={deleteSavedAddress}
        addressId={addressId}
        label="Delete"
        pendingLabel="Deleting…"
        addressName={addressName}
      />
    </div>
  );
}
