"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { PendingButton } from "@/components/ui/pending-button";
import { StepSection } from "@/components/ui/step-section";
import styles from "./checkout.module.css";

/** The session and the cart are kept: the shopper can retry, or check out as a guest. */
export function BoltUnavailable() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <StepSection title="We couldn't load your saved details" data-testid="bolt-unavailable">
      <p>
        Bolt isn&apos;t answering right now. You&apos;re still signed in and your cart is safe; try again in a moment,
        or continue as a guest.
      </p>
      <div className={styles.row}>
        <PendingButton
          type="button"
          className="button"
          pending={pending}
          pendingLabel="Retrying…"
          onClick={() => startTransition(() => router.refresh())}
        >
          Try again
        </PendingButton>
        <Link href="/checkout?guest=1" className="button button-secondary">
          Check out as a guest
        </Link>
      </div>
    </StepSection>
  );
}
