"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { signOutRefusedSession } from "@/components/account/actions";
import { StepSection } from "@/components/ui/step-section";

/**
 * Shown when Bolt refused the session's access token while the checkout rendered. It clears the
 * session once, then reloads the page signed out (which says so); the cart is kept. It never retries,
 * so a refusal can't turn into a loop.
 */
export function SessionRefused() {
  const router = useRouter();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let current = true;
    signOutRefusedSession().then(
      () => current && router.refresh(),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [router]);
  return (
    <StepSection title="Your Bolt session has ended" data-testid="session-refused">
      <p role="status">
        {failed
          ? "We couldn't sign you out here. Reload the page, then sign in with Bolt again; your cart is kept."
          : "Signing you out… Sign in with Bolt again to use your saved details; your cart is kept."}
      </p>
    </StepSection>
  );
}
