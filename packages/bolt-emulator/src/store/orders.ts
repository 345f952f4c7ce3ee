export type Order = {
  /** Absent in the sandbox profile, which answers without one: the reference names the order then. */
  orderNumber?: string;
  orderReference: string;
  shopper: string;
  amount: number;
  currency: string;
  creditCardId: string;
  transactionId: string;
  transactionReference: string;
  createdAt: string;
};

export type StoredReply = { status: number; body: unknown };

const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

type IdempotentEntry = { fingerprint: string; reply: StoredReply; at: number };

/** Placed orders and the replies remembered per `Idempotency-Key` (scoped to the calling client). */
export class OrderStore {
  private readonly orders: Order[] = [];
  /** Each transaction as `GET /v1/merchant/transactions/{reference}` shows it, by reference. */
  private readonly transactions = new Map<string, Record<string, unknown>>();
  private readonly idempotent = new Map<string, IdempotentEntry>();

  add(order: Order, transaction: Record<string, unknown>): void {
    this.orders.push(order);
    this.transactions.set(order.transactionReference, transaction);
  }

  details(transactionReference: string): Record<string, unknown> | undefined {
    return this.transactions.get(transactionReference);
  }

  list(shopper?: string): Order[] {
    return shopper ? this.orders.filter((order) => order.shopper === shopper) : [...this.orders];
  }

  byReference(transactionReference: string): Order | undefined {
    return this.orders.find((order) => order.transactionReference === transactionReference);
  }

  hasReference(orderReference: string): boolean {
    return this.orders.some((order) => order.orderReference === orderReference);
  }

  /** The reply remembered for this key, if still within 24 hours; the fingerprint says whether the body matched. */
  recall(clientKey: string, idempotencyKey: string, now = Date.now()): IdempotentEntry | undefined {
    const entry = this.idempotent.get(`${clientKey}\n${idempotencyKey}`);
    return entry && now - entry.at < IDEMPOTENCY_WINDOW_MS ? entry : undefined;
  }

  remember(clientKey: string, idempotencyKey: string, fingerprint: string, reply: StoredReply, now = Date.now()): void {
    this.idempotent.set(`${clientKey}\n${idempotencyKey}`, { fingerprint, reply, at: now });
  }
}
