"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { signOutRefusedSession } from "@/app/(checkout)/checkout/actions";
import { StepSection } from "@/components/ui/step-section";

/**
 * Shown when Bolt refused the session's access token while the checkout rendered. It clears the
 * session once, then renders the page again signed out, through the proxy, which shows the "you were
 * signed out" notice the action left; the cart is kept. It never retries, so a refusal can't loop.
 */
export function SessionRefused() {
  const router = useRouter();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    // Not tied to this component's life: Next may re-render the page signed out as soon as the action
    // clears the cookie, unmounting it before the refresh that brings the notice.
    signOutRefusedSession().then(
      () => router.refresh(),
      () => setFailed(true),
    );
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
