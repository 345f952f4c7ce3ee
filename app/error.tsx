"use client";

import Link from "next/link";
import { StatusMessage } from "@/components/layout/status-message";

/** Shows no error details: production errors from the server carry only a digest, and that is for the logs. */
export default function ErrorPage({ retry }: { error: unknown; retry: () => void }) {
  return (
    <StatusMessage
      title="Something went wrong"
      actions={
        <>
          <button type="button" className="button" onClick={retry}>
            Try again
          </button>
          <Link href="/" className="button button-secondary">
            Back to the shop
          </Link>
        </>
      }
    >
      <p>Sorry, this page didn’t load. Please try again in a moment.</p>
    </StatusMessage>
  );
}
