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

/** Who pays. Bolt's spec requires `phone` (E.164); creating an account needs it. */
export type Payer = { email: string; phone?: string; firstName: string; lastName: string };

export type AuthorizeInput = {
  cardId: string;
  cart: AuthorizeCart;
  user: Payer;
  /** One per order attempt, reused on a retry of that same attempt, so Bolt never charges twice. */
  idempotencyKey: string;
};

/** What Bolt's payment field hands back from `tokenize()`: a single-use token (15 minutes) and what it stands for. */
export type CardToken = {
  token: string;
  bin: string;
  last4: string;
  /** `YYYY-MM`. */
  expiration: string;
  network: CardNetwork;
  postalCode: string;
};

export type NewCardAuthorizeInput = {
  card: CardToken;
  /** Where the card's bills go; the storefront bills to the shipping address. */
  billingAddress: ShippingAddress & { email: string };
  cart: AuthorizeCart;
  user: Payer;
  /** A guest's consent to a Bolt account made from this order (needs `user.phone`). */
  createAccount: boolean;
  /** Signed in: keep the card in the shopper's Bolt wallet (Bolt's default) or use it once. */
  save: boolean;
  idempotencyKey: string;
};

/** A card to add to the signed-in shopper's Bolt wallet, billed to one of their saved addresses. */
export type NewSavedCardInput = { card: CardToken; billingAddress: Address; email: string };

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
  /** Bolt made the guest an account from this order (`create_bolt_account` was asked and granted). */
  accountCreated: boolean;
};
