/** There is no usable session (none, refused, or Bolt said `invalid_grant`): the shopper must sign in. */
export class SignedOutError extends Error {
  constructor(message = "Not signed in with Bolt") {
    super(message);
    this.name = "SignedOutError";
  }
}

/**
 * The session only holds `bolt.account.view` (every refreshed token does), and the action needs
 * `bolt.account.manage`: the shopper has to verify again through Bolt's modal ("step-up").
 */
export class StepUpRequiredError extends Error {
  constructor(message = "This change needs a fresh Bolt sign-in") {
    super(message);
    this.name = "StepUpRequiredError";
  }
}

/**
 * Another instance is refreshing this session's tokens and its result did not arrive in time.
 * Transient: keep the session, use the current token while it lasts, and try again on the next request.
 */
export class RefreshPendingError extends Error {
  constructor() {
    super("Another instance is refreshing this session");
    this.name = "RefreshPendingError";
  }
}
