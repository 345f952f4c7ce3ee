import type { Profile } from "./config";
import { ErrorCodes } from "./http/errors";
import { dashedReference, transactionReference } from "./ids";

/** What differs between the two profiles, in one place (README, "Profiles"). */
export type ProfileAnswers = {
  /** `invalid_grant` on the token endpoint: the spec's example says 422, the sandbox answered 400. */
  invalidGrantStatus: 400 | 422;
  /** A missing, unknown, expired or revoked bearer on the account and payment API. */
  refusedBearer: { status: 401 | 403; code: number; message: string };
  /** Whether authorize answers with an `order_number` (the sandbox leaves it out). */
  orderNumber: boolean;
  /** The transaction reference: 12 characters as the spec says, or three dashed groups of four. */
  reference: () => string;
  /** `transaction.status` right after a successful authorize (`GET` on the transaction says `authorized` later). */
  authorizedStatus: "authorized" | "pending";
  /** Whether a saved-card authorization must name the division (the sandbox took it empty or absent). */
  divisionRequired: boolean;
  /** `captures` of a transaction nothing was captured from: the sandbox was recorded answering `null`. */
  noCaptures: readonly never[] | null;
  /**
   * Whether authorize answers with the transaction as authorized even when `auto_capture` captured it at
   * once: the sandbox was recorded answering `pending` with `captures: null`, the capture showing later.
   */
  answersBeforeCapture: boolean;
  /**
   * The id_token `iss`: the discovery issuer, or `https://bolt.com`, which Bolt's own plugins accept
   * beside the API base URL (go-live §4 row 1).
   */
  idTokenIssuer: "discovery" | "https://bolt.com";
  /** Where discovery points `token_endpoint`, `jwks_uri` and `authorization_endpoint` (row 12: `/v3/oauth/…` on real Bolt). */
  discoveryOAuthBase: "/v1/oauth" | "/v3/oauth";
  /** Whether a code exchange may only ask for scopes the code was issued with (row 8). */
  scopeBoundToCode: boolean;
  /** Whether Bolt's account pieces (login modal, login status, images) come from a second origin (rows 4, 5). */
  assetsOrigin: boolean;
  /** Whether embed.js still has the legacy `Bolt.helpers` beside `login_status` (row 7). */
  legacyHelpers: boolean;
  /**
   * What `tokenize()` resolves with: every field (`full`), or without `network`, and without `postal_code`
   * unless the field's ZIP option asked for it (`lean`, row 2).
   */
  fieldToken: "full" | "lean";
};

const ANSWERS: Record<Profile, ProfileAnswers> = {
  spec: {
    invalidGrantStatus: 422,
    refusedBearer: {
      status: 401,
      code: ErrorCodes.invalidAccessToken,
      message: "Authentication error. The access token is missing, invalid, expired or revoked.",
    },
    orderNumber: true,
    reference: transactionReference,
    authorizedStatus: "authorized",
    divisionRequired: true,
    noCaptures: [],
    answersBeforeCapture: false,
    idTokenIssuer: "discovery",
    discoveryOAuthBase: "/v1/oauth",
    scopeBoundToCode: false,
    assetsOrigin: false,
    legacyHelpers: true,
    fieldToken: "full",
  },
  sandbox: {
    invalidGrantStatus: 400,
    refusedBearer: { status: 403, code: ErrorCodes.forbidden, message: "This action is forbidden." },
    orderNumber: false,
    reference: dashedReference,
    authorizedStatus: "pending",
    divisionRequired: false,
    noCaptures: null,
    answersBeforeCapture: true,
    idTokenIssuer: "https://bolt.com",
    discoveryOAuthBase: "/v3/oauth",
    scopeBoundToCode: true,
    assetsOrigin: true,
    legacyHelpers: false,
    fieldToken: "lean",
  },
};

export function answersOf(profile: Profile): ProfileAnswers {
  return ANSWERS[profile];
}
