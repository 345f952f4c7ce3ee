/** No usable session (none, refused, or `invalid_grant`): the shopper must sign in. */
export class SignedOutError extends Error {
  constructor(message = "Not signed in with Bolt") {
    super(message);
    this.name = "SignedOutError";
  }
}

/** Refreshed tokens are view-only, and the action needs `bolt.account.manage`: verify again in Bolt's modal. */
export class StepUpRequiredError extends Error {
  constructor(message = "This change needs a fresh Bolt sign-in") {
    super(message);
    this.name = "StepUpRequiredError";
  }
}

/** Another instance's refresh did not arrive in time. Transient: the session is kept. */
export class RefreshPendingError extends Error {
  constructor() {
    super("Another instance is refreshing this session");
    this.name = "RefreshPendingError";
  }
}
