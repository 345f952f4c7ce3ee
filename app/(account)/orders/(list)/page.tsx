import type { Metadata } from "next";
import { OrderList } from "@/components/orders/order-list";
import { OrdersFrame } from "@/components/orders/orders-frame";
import { OrdersSignIn } from "@/components/orders/orders-sign-in";
import { getDatabase } from "@/lib/db";
import { getPublicBoltConfig } from "@/lib/env";
import { isOrderId, listOrdersForShopper, type Page } from "@/lib/ledger";
import { getSessionView } from "@/lib/session/view";

export const metadata: Metadata = { title: "Your orders", robots: { index: false } };

const PAGE_SIZE = 10;

/** `?before=` pages towards older orders, `?after=` back towards newer ones; anything else is the first page. */
function cursorOf({ before, after }: Record<string, string | string[] | undefined>): Omit<Page, "limit"> {
  if (isOrderId(before)) return { before };
  if (isOrderId(after)) return { after };
  return {};
}

export default async function OrdersPage({ searchParams }: PageProps<"/orders">) {
  const [session, query] = await Promise.all([getSessionView(), searchParams]);
  if (!session.signedIn) {
    return (
      <OrdersFrame>
        <OrdersSignIn config={getPublicBoltConfig()} />
      </OrdersFrame>
    );
  }
  const cursor = cursorOf(query);
  const page = await listOrdersForShopper(await getDatabase(), session.sub, { limit: PAGE_SIZE, ...cursor });
  return (
    <OrdersFrame>
      <OrderList orders={page.orders} older={page.next} newer={page.previous} paged={Object.keys(cursor).length > 0} />
    </OrdersFrame>
  );
}
