"use client";

import type { ComponentProps, ReactNode } from "react";
import { useFormStatus } from "react-dom";
import styles from "./pending-button.module.css";

type Props = Omit<ComponentProps<"button">, "disabled"> & {
  /** Set when the work is not the enclosing form's action (a transition, a fetch); else the form's status. */
  pending?: boolean;
  /** What the button says while pending, for example "Saving address…". */
  pendingLabel?: ReactNode;
  /** Not usable right now, for example − at the minimum quantity. */
  unavailable?: boolean;
};

/**
 * The store's one button for work that takes a moment. Submits its form by default.
 *
 * While pending or unavailable it is `aria-disabled`, never `disabled`: a disabled button drops the
 * keyboard focus the moment it is pressed (focus falls back to the page) and leaves the tab order,
 * so a keyboard or screen-reader user loses their place; an aria-disabled one stays focused and is
 * announced as unavailable. Presses meanwhile are swallowed (Enter, Space and implicit submission all
 * arrive as a click), so a double press never submits twice. Without JavaScript it submits and the
 * server decides.
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
