import type { ReactNode } from "react";
import { getShopperSummary } from "@/lib/shopper/summary";
import { PageFrame } from "./page-frame";
import { ShopperSummaryProvider } from "./shopper-summary";

/**
 * The layout of the pages rendered per request, for one shopper (cart, checkout, orders): the header
 * comes with the page, already filled in (and without JavaScript), and a server action's refresh updates it.
 */
export async function ShopperFrame({ children }: { children: ReactNode }) {
  return (
    <ShopperSummaryProvider summary={await getShopperSummary()}>
      <PageFrame>{children}</PageFrame>
    </ShopperSummaryProvider>
  );
}
