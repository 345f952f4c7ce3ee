import type { Metadata } from "next";
import { Suspense } from "react";
import { DeskHeading } from "@/components/admin/desk-heading";
import { OrderFilters } from "@/components/admin/order-filters";
import { OrderTable, OrderTableSkeleton } from "@/components/admin/order-table";
import { UnmatchedInbox, UnmatchedInboxSkeleton } from "@/components/admin/unmatched-inbox";
import styles from "@/components/admin/desk.module.css";
import { readListQuery } from "@/lib/admin/list-query";
import { requireMerchant } from "@/lib/admin/merchant";

export const metadata: Metadata = { title: "Orders" };

/** The sign-in check comes first, so a signed-out request is redirected before anything streams. */
export default async function DeskOrdersPage({ searchParams }: PageProps<"/admin">) {
  await requireMerchant("/admin");
  const query = readListQuery(await searchParams);
  const { eventsBefore, ...orders } = query;
  return (
    <>
      <DeskHeading title="Orders" />
      <section aria-labelledby="desk-orders-heading" className={styles.section}>
        <h2 id="desk-orders-heading" className="visually-hidden">
          Orders
        </h2>
        <OrderFilters status={query.status} search={query.search} />
        <Suspense key={JSON.stringify(orders)} fallback={<OrderTableSkeleton />}>
          <OrderTable query={query} />
        </Suspense>
      </section>
      <section aria-labelledby="desk-inbox-heading" className={styles.section}>
        <h2 id="desk-inbox-heading" className={styles.sectionTitle}>
          Events Bolt sent about orders we don&apos;t know
        </h2>
        <p className={styles.muted}>
          Each is a payment at Bolt with no order here: look it up in Bolt&apos;s dashboard by its reference, then mark
          it handled.
        </p>
        <Suspense key={eventsBefore ?? 0} fallback={<UnmatchedInboxSkeleton />}>
          <UnmatchedInbox query={query} />
        </Suspense>
      </section>
    </>
  );
}
