"use client";

import { useEffect, useRef } from "react";

/** A removed line takes its focused Remove button with it: focus goes to the heading, and the removal is announced. */
export function RemovalFocus({ names }: { names: string[] }) {
  const previous = useRef(names);
  const status = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    const removed = previous.current.filter((name) => !names.includes(name));
    previous.current = names;
    if (removed.length === 0 || !status.current) return;
    status.current.textContent = `Removed ${removed.join(", ")} from your cart.`;
    const focusLost = !document.activeElement || document.activeElement === document.body;
    if (focusLost) document.querySelector<HTMLElement>("main h1")?.focus();
  }, [names]);

  return <p ref={status} role="status" className="visually-hidden" />;
}
