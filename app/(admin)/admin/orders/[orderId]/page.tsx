import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeskHeading } from "@/components/admin/desk-heading";
import { STATUS_LABELS } from "@/components/admin/desk-words";
import { OrderActions } from "@/components/admin/order-actions";
import { OrderFacts } from "@/components/admin/order-facts";
import { OrderLines } from "@/components/admin/order-lines";
import { OrderTimeline } from "@/components/admin/order-timeline";
import styles from "@/components/admin/desk.module.css";
import { amountText, capturableCents, deskActions, refundableCents } from "@/lib/admin/desk";
import { requireMerchant } from "@/lib/admin/merchant";
import { getDatabase } from "@/lib/db";
import { getOrder, orderTimeline } from "@/lib/ledger";
import { formatMoney } from "@/lib/money";
import { capturesManually, operationNonce } from "@/lib/settlement";

export async function generateMetadata({ params }: PageProps<"/admin/orders/[orderId]">): Promise<Metadata> {
  const { orderId } = await params;
  return { title: `Order ${orderId.slice(0, 12)}` };
}

export default async function DeskOrderPage({ params }: PageProps<"/admin/orders/[orderId]">) {
  const { orderId } = await params;
  await requireMerchant(`/admin/orders/${orderId}`);
  const db = await getDatabase();
  const order = await getOrder(db, orderId);
  if (!order) notFound();
  const events = await orderTimeline(db, order.id);
  const capturable = capturableCents(order);
  const refundable = refundableCents(order);
  return (
    <>
      <DeskHeading title={`Order ${order.id}`} back>
        <p className={styles.statusLine}>
          <span className={styles.status} data-status={order.status} data-testid="desk-order-status">
            {STATUS_LABELS[order.status]}
          </span>
        </p>
      </DeskHeading>
      <div className={styles.detail}>
        <div className={styles.detailMain}>
          <OrderActions
            orderId={order.id}
            operation={operationNonce(order)}
            actions={deskActions(order, { manualCapture: capturesManually() })}
            capturable={{
              text: amountText(capturable, order.currency),
              shown: formatMoney(capturable, order.currency),
            }}
            refundable={{
              text: amountText(refundable, order.currency),
              shown: formatMoney(refundable, order.currency),
            }}
          />
          <OrderTimeline events={events} currency={order.currency} />
        </div>
        <div className={styles.detailSide}>
          <OrderFacts order={order} />
          <OrderLines order={order} />
        </div>
      </div>
    </>
  );
}
