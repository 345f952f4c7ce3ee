// The app's own shapes for Bolt data. Bolt's snake_case wire shapes stay inside lib/bolt.

/** Tokens from `/v1/oauth/token`. `expiresAt` is epoch milliseconds. */
export type TokenSet = {
  accessToken: string;
  /** Absent when Bolt did not rotate it: keep the one you have. */
  refreshToken?: string;
  expiresAt: number;
  /** Space-separated scopes granted to the access token. */
  scope: string;
  refreshTokenScope?: string;
  /** Only on the code exchange when `openid` was asked for. Verify it, then drop it. */
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

/**
 * An address to save. Field names match {@link Address}, so `{ ...address, email, isDefault: true }`
 * works. Bolt requires the shopper's `email` on every saved address.
 */
export type SavedAddressInput = Omit<Address, "id" | "isDefault"> & { email: string; isDefault?: boolean };

/** Where an order ships. `email` defaults to the paying shopper's. An {@link Address} fits as is. */
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
  /** Past its expiry month, as of the current month (UTC). */
  isExpired: boolean;
  billingPostalCode?: string;
};

export type Account = { profile: Profile; addresses: Address[]; cards: SavedCard[] };

/** Amounts are integers in the currency's minor unit (cents). */
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

export type AuthorizeInput = {
  cardId: string;
  cart: AuthorizeCart;
  /** Bolt requires `phone` (E.164) to identify the payer. */
  user: { email: string; phone?: string; firstName: string; lastName: string };
  /** One per order attempt, reused on a retry of that same attempt, so Bolt never charges twice. */
  idempotencyKey: string;
};

export type Authorization = {
  /** Bolt's `order_number` when it sends one, else the transaction reference (e.g. `4HYC-GXT8-RRC7`). */
  orderId: string;
  /** `in_review`: Bolt holds the transaction for a risk review before it completes; not a failure. */
  status: "placed" | "in_review";
  transactionReference?: string;
  /** Minor units. */
  amount?: number;
  last4?: string;
  network?: string;
};
