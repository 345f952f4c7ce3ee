"use client";

import "./globals.css";
import { ErrorMessage } from "@/components/layout/error-message";

/** Replaces the root layout when it fails, so it brings its own document and styles. */
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body>
        <title>Something went wrong</title>
        <main id="main">
          <ErrorMessage retry={retry} />
        </main>
      </body>
    </html>
  );
}
