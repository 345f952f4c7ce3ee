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
