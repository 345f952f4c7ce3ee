"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { signOutRefusedSession } from "@/app/(checkout)/checkout/actions";
import { StepSection } from "@/components/ui/step-section";

/** Bolt refused the token during the render: sign out once and show the page signed out. Never retries: no loop. */
export function SessionRefused() {
  const router = useRouter();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    // Not tied to this component's life: the action's re-render may unmount it before the refresh.
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
