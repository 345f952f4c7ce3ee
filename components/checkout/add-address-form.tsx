"use client";

import { useState } from "react";
import { PendingButton } from "@/components/ui/pending-button";
import { AddressFields } from "./address-fields";
import { addSavedAddress } from "@/app/(checkout)/checkout/address-actions";
import { useEditForm } from "./address-actions";
import styles from "./choices.module.css";
import checkout from "./checkout.module.css";

/** Needs the manage scope, so it may ask to verify again. */
export function AddAddressForm() {
  const [open, setOpen] = useState(false);
  const { state, formAction, form } = useEditForm(addSavedAddress);
  // Close the form when a save completes (adjusting state during render, not in an effect).
  const [seen, setSeen] = useState(state);
  if (state !== seen) {
    setSeen(state);
    if (state.status === "done") setOpen(false);
  }

  if (!open) {
    return (
      <div className={styles.addRow}>
        <button type="button" className={checkout.secondary} onClick={() => setOpen(true)}>
          Add a new address
        </button>
        {state.status === "done" && state.message && (
          <p role="status" className={styles.muted}>
            {state.message}
          </p>
        )}
      </div>
    );
  }
  return (
    <form
      ref={form}
      action={formAction}
      noValidate
      className={`${checkout.form} ${styles.addForm}`}
      aria-label="New address"
    >
      <AddressFields
        idPrefix="new-address"
        errors={state.status === "error" ? state.errors : undefined}
        values={state.status === "error" || state.status === "step-up" ? state.values : undefined}
      />
      <label className={styles.checkbox}>
        <input type="checkbox" name="makeDefault" /> Make this my default address
      </label>
      {state.status === "error" && (
        <p role="alert" className={checkout.error}>
          {state.message}
        </p>
      )}
      <div className={styles.actions}>
        <PendingButton className={checkout.primary} pendingLabel="Saving address…">
          Save address
        </PendingButton>
        <button type="button" className={checkout.secondary} onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
