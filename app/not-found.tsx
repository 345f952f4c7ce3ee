import type { Metadata } from "next";
import Link from "next/link";
import { PageFrame } from "@/components/layout/page-frame";
import { StatusMessage } from "@/components/layout/status-message";

export const metadata: Metadata = { title: "Page not found" };

/** Static like the catalog, and outside the route groups' layouts, so it brings the header itself. */
export default function NotFound() {
  return (
    <PageFrame>
      <StatusMessage
        title="We couldn’t find that page"
        actions={
          <Link href="/" className="button">
            Back to the shop
          </Link>
        }
      >
        <p>The link may be out of date, or the product is no longer in the collection.</p>
      </StatusMessage>
    </PageFrame>
  );
}
