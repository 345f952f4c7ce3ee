"use client";

import type { ComponentProps, ReactNode } from "react";
import { useFormStatus } from "react-dom";
import styles from "./pending-button.module.css";

type Props = Omit<ComponentProps<"button">, "disabled"> & {
  /** When the work is not the enclosing form's action; else the form's status. */
  pending?: boolean;
  pendingLabel?: ReactNode;
  unavailable?: boolean;
};

/**
 * `aria-disabled`, never `disabled`, while pending: a disabled button drops keyboard focus and leaves the
 * tab order. Presses meanwhile are swallowed, so a double press never submits twice.
 */
export function PendingButton({
  pending: pendingOverride,
  pendingLabel,
  unavailable = false,
  type = "submit",
  className,
  onClick,
  children,
  ...props
}: Props) {
  const form = useFormStatus();
  const pending = pendingOverride ?? form.pending;
  const inert = pending || unavailable;
  return (
    <button
      {...props}
      type={type}
      className={`${styles.button} ${className ?? ""}`}
      aria-disabled={inert || undefined}
      data-pending={pending || undefined}
      onClick={(event) => {
        if (inert) event.preventDefault();
        else onClick?.(event);
      }}
    >
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
