import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { OrderDetails } from "@/components/orders/order-details";
import { statusWords } from "@/components/orders/order-status";
import { readOrderAccess } from "@/lib/checkout/order-access";
import { getDatabase } from "@/lib/db";
import { getSessionView } from "@/lib/session/view";
import { findViewableOrder } from "@/lib/shopper/orders";

/** Read once per request, by the title and the page. */
const viewableOrder = cache(async (orderId: string, key: string | undefined) => {
  const [session, granted, db] = await Promise.all([getSessionView(), readOrderAccess(), getDatabase()]);
  return findViewableOrder(db, orderId, { sub: session.signedIn ? session.sub : undefined, granted, key });
});

/** The order this request may see; anything else is the one not-found page (a 404), whatever the reason. */
async function orderFor({ params, searchParams }: PageProps<"/orders/[orderId]">) {
  const [{ orderId }, { key }] = await Promise.all([params, searchParams]);
  const found = await viewableOrder(orderId, typeof key === "string" ? key : undefined);
  if (!found) notFound();
  return found;
}

export async function generateMetadata(props: PageProps<"/orders/[orderId]">): Promise<Metadata> {
  const { order } = await orderFor(props);
  // A guest's link carries its key: no Referer takes it to another site, or to this one's logs.
  return { title: statusWords(order).title, robots: { index: false }, referrer: "no-referrer" };
}

export default async function OrderPage(props: PageProps<"/orders/[orderId]">) {
  const { order, link } = await orderFor(props);
  return <OrderDetails order={order} link={link} />;
}
