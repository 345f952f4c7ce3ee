"use client";

import Link from "next/link";
import { StatusMessage } from "@/components/layout/status-message";
import "./globals.css";

/** Replaces the root layout when it fails, so it brings its own document and styles. */
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body>
        <title>Something went wrong</title>
        <main id="main">
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
            <p>Sorry, the store didn’t load. Please try again in a moment.</p>
          </StatusMessage>
        </main>
      </body>
    </html>
  );
}
