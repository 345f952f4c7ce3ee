import type { Metadata } from "next";
import type { ReactNode } from "react";
import { DeskFrame } from "@/components/admin/desk-frame";

export const metadata: Metadata = {
  title: { template: "%s · Order desk", default: "Order desk" },
  robots: { index: false, follow: false },
};

// Every desk page is per merchant and per request (its session, the ledger now), with the proxy's
// per-request CSP nonce; none is ever prerendered or cached.
export const dynamic = "force-dynamic";

export default function DeskLayout({ children }: { children: ReactNode }) {
  return <DeskFrame>{children}</DeskFrame>;
}
