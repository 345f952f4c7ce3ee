import type { Metadata } from "next";
import Link from "next/link";
import { StatusMessage } from "@/components/layout/status-message";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
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
  );
}
