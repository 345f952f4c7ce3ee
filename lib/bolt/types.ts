// The app's own shapes for Bolt data; Bolt's wire shapes stay inside lib/bolt.

/** `expiresAt` is epoch milliseconds. */
export type TokenSet = {
  accessToken: string;
  /** Absent when Bolt did not rotate it: keep the one you have. */
  refreshToken?: string;
  expiresAt: number;
  scope: string;
  refreshTokenScope?: string;
  /** Only on the code exchange: verify it, then drop it. */
  idToken?: string;
};

export type IdTokenClaims = { sub: string; email: string; firstName?: string };

export type Profile = { email: string; firstName: string; lastName: string; phone?: string };

export type Address = {
  id: string;
  firstName: string;
  lastName: string;
  company?: string;
  street1: string;
  street2?: string;
  locality: string;
  region: string;
  regionCode?: string;
  postalCode: string;
  countryCode: string;
  phone?: string;
  isDefault: boolean;
};

/** Bolt requires the shopper's `email` on every saved address. */
export type SavedAddressInput = Omit<Address, "id" | "isDefault"> & { email: string; isDefault?: boolean };

export type ShippingAddress = Omit<Address, "id" | "isDefault"> & { email?: string };

export type CardNetwork =
  | "visa"
  | "mastercard"
  | "amex"
  | "discover"
  | "dinersclub"
  | "jcb"
  | "unionpay"
  | "alliancedata"
  | "citiplcc"
  | "unknown";

export type SavedCard = {
  id: string;
  network: CardNetwork;
  last4: string;
  expMonth: number;
  expYear: number;
  isDefault: boolean;
  /** As of the current month (UTC). */
  isExpired: boolean;
  billingPostalCode?: string;
};

export type Account = { profile: Profile; addresses: Address[]; cards: SavedCard[] };

/** Amounts in cents. */
export type AuthorizeCartItem = {
  reference: string;
  name: string;
  unitPrice: number;
  quantity: number;
  totalAmount: number;
};

export type AuthorizeCart = {
  orderReference: string;
  currency: string;
  totalAmount: number;
  taxAmount: number;
  shippingAmount?: number;
  items: AuthorizeCartItem[];
  shippingAddress?: ShippingAddress;
};

/** Bolt's spec requires `phone` (E.164); creating an account needs it. */
export type Payer = { email: string; phone?: string; firstName: string; lastName: string };

export type AuthorizeInput = {
  cardId: string;
  cart: AuthorizeCart;
  user: Payer;
  /** Reused on a retry of the same attempt, so Bolt never charges twice. */
  idempotencyKey: string;
  autoCapture?: boolean;
};

/** Single-use, for 15 minutes. */
export type CardToken = {
  token: string;
  bin?: string;
  last4: string;
  expiration: string;
  network: CardNetwork;
  postalCode?: string;
};

export type NewCardAuthorizeInput = {
  card: CardToken;
  billingAddress: ShippingAddress & { email: string };
  cart: AuthorizeCart;
  user: Payer;
  /** A guest's consent to a Bolt account made from this order (needs `user.phone`). */
  createAccount: boolean;
  save: boolean;
  idempotencyKey: string;
  autoCapture?: boolean;
};

export type NewSavedCardInput = { card: CardToken; billingAddress: Address; email: string };

export type Authorization = {
  /** Bolt's `order_number` when it sends one, else the transaction reference. */
  orderId: string;
  /** Bolt holds the transaction for a risk review: paid, not a failure. */
  status: "placed" | "in_review";
  transactionReference?: string;
  amount?: number;
  last4?: string;
  network?: string;
  accountCreated: boolean;
};

/**
 * `in_review` includes a reversible rejection, `completed` is some or all captured, `rejected` is final,
 * `unknown`: Bolt has not decided, or this view does not say.
 */
export type TransactionState =
  "authorized" | "in_review" | "completed" | "voided" | "rejected" | "declined" | "unknown";

/**
 * As one view of Bolt's shows it, in cents: a later view may show more captured or refunded, never
 * less. A refund's own view (credit answer or webhook) shows that refund alone, also in `refund`.
 */
export type BoltTransaction = {
  reference: string;
  /** Our order id (`cart.order_reference`), when the view carries it. */
  orderReference?: string;
  state: TransactionState;
  currency?: string;
  authorizedCents?: number;
  capturedCents: number;
  refundedCents: number;
  refund?: { reference: string; amountCents: number };
};

export type ReviewDecision = "approve" | "reject";

/** Each needs an Idempotency-Key, so a resend does it once. */
export type SettlementRequest = { reference: string; currency: string; idempotencyKey: string };

/** `events` undefined: every event (`event_group: all`). */
export type Webhook = { id: string; url: string; createdAt: number; events?: string[] };

/** Bolt sends others too (`newsletter_subscription`, …), which the storefront ignores. */
export type TransactionEventType =
  | "payment"
  | "auth"
  | "pending"
  | "capture"
  | "credit"
  | "void"
  | "rejected_irreversible"
  | "rejected_reversible"
  | "failed_payment";

export type WebhookEvent =
  { kind: "transaction"; type: TransactionEventType; transaction: BoltTransaction } | { kind: "ignored"; type: string };
