import type { ReactNode } from "react";
import { PageFrame } from "@/components/layout/page-frame";
import { ShopperSummaryProvider } from "@/components/layout/shopper-summary";
import { getShopperSummary } from "@/lib/shopper/summary";

/**
 * Cart, checkout and orders: rendered per request for one shopper, so the header comes with the
 * page, already filled in (and without JavaScript), and a server action's refresh updates it.
 */
export default async function DynamicLayout({ children }: { children: ReactNode }) {
  return (
    <ShopperSummaryProvider summary={await getShopperSummary()}>
      <PageFrame>{children}</PageFrame>
    </ShopperSummaryProvider>
  );
}
