"use client";

import Link from "next/link";
import { StatusMessage } from "@/components/layout/status-message";

/** The order records did not answer (or failed): say so, and offer a retry. No error details reach the page. */
export default function OrdersError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <StatusMessage
      title="We couldn't load your orders"
      actions={
        <>
          <button type="button" className="button" onClick={retry}>
            Try again
          </button>
          <Link href="/" className="button button-secondary">
            Continue shopping
          </Link>
        </>
      }
    >
      <p>Our order records didn&apos;t answer just now. Nothing about your orders has changed; please try again.</p>
    </StatusMessage>
  );
}
