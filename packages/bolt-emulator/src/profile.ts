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
  },
};

export function answersOf(profile: Profile): ProfileAnswers {
  return ANSWERS[profile];
}
