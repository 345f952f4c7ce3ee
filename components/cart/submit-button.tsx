"use client";

import type { ComponentProps, ReactNode } from "react";
import { useFormStatus } from "react-dom";

type Props = Omit<ComponentProps<"button">, "type" | "onClick" | "disabled"> & {
  /** Marks the button as not usable now (for example − at the minimum quantity). */
  unavailable?: boolean;
  pendingLabel?: ReactNode;
};

/**
 * A submit button for a server-action form. While the form is pending (or the button is unavailable) it
 * is `aria-disabled` rather than `disabled`, so it keeps keyboard focus and stays in the accessibility tree.
 * Without JavaScript it still submits, and the server action validates the request.
 */
export function SubmitButton({ unavailable = false, pendingLabel, children, ...props }: Props) {
  const { pending } = useFormStatus();
  const inert = pending || unavailable;
  return (
    <button
      {...props}
      type="submit"
      aria-disabled={inert || undefined}
      data-pending={pending || undefined}
      onClick={(event) => {
        if (inert) event.preventDefault();
      }}
    >
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
