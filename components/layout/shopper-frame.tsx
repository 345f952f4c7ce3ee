import type { ReactNode } from "react";
import { getShopperSummary } from "@/lib/shopper/summary";
import { PageFrame } from "./page-frame";
import { ShopperSummaryProvider } from "./shopper-summary";

/** Pages rendered per shopper get their header filled in on the server, so it works without JavaScript. */
export async function ShopperFrame({ children }: { children: ReactNode }) {
  return (
    <ShopperSummaryProvider summary={await getShopperSummary()}>
      <PageFrame>{children}</PageFrame>
    </ShopperSummaryProvider>
  );
}
