// The app's own shapes for Bolt data. Bolt's snake_case wire shapes stay inside lib/bolt.

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

/** Amounts are integers in minor units (cents). */
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
};

/**
 * Single-use, for 15 minutes. Bolt's newer field may leave out the network ("unknown" here), the BIN, and
 * the postal code unless it has its ZIP input: Bolt then gets the billing address's postal code.
 */
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

/** A payment as Bolt holds it now; `pending` while Bolt has not decided. */
export type Transaction = {
  reference: string;
  state: "authorized" | "in_review" | "declined" | "pending";
  amount?: number;
};
