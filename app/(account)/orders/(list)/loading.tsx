import { OrderListSkeleton } from "@/components/orders/order-list";
import { OrdersFrame } from "@/components/orders/orders-frame";

// In the (list) group so that it wraps "Your orders" alone: an order page must be able to answer 404.
export default function OrdersLoading() {
  return (
    <OrdersFrame>
      <OrderListSkeleton />
    </OrdersFrame>
  );
}
