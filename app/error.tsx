"use client";

import { ErrorMessage } from "@/components/layout/error-message";
import { PageFrame } from "@/components/layout/page-frame";

/** Replaces a route group's layout when it fails, so it brings the header itself. */
export default function ErrorPage({ retry }: { error: unknown; retry: () => void }) {
  return (
    <PageFrame>
      <ErrorMessage retry={retry} />
    </PageFrame>
  );
}
