import type { FramedPageInput } from "./framed-page";
import { pageDocument } from "./page-document";
import { escapeHtml as e } from "./login-modal-page";

/** Where the account checkbox's consent links lead: Bolt's own terms and privacy policy. */
export const BOLT_TERMS_URL = "https://www.bolt.com/end-user-terms";
export const BOLT_PRIVACY_URL = "https://www.bolt.com/privacy";

function document(title: string, script: string, body: string): string {
  return pageDocument({ title, stylesheet: "components.css", script, body });
}

function problemBody(problem: string): string {
  return `<div class="component"><p class="error" role="alert">${e(problem)}</p></div>`;
}

function field(id: string, label: string, attributes: string): string {
  return `<div class="field" data-field="${id}">
      <label for="${id}">${label}</label>
      <input id="${id}" name="${id}" ${attributes} spellcheck="false" aria-describedby="${id}-error">
      <p id="${id}-error" class="error" hidden></p>
    </div>`;
}

/**
 * Bolt's payment field: card number, expiry, CVV and (with `zip`) billing postal code, each labelled,
 * with its inline error and the sandbox's test cards. The card number exists only in this page.
 */
export function paymentFieldPage({ origin, problem }: FramedPageInput, zip: boolean): string {
  if (problem) return document("Card details", "payment-field.js", problemBody(problem));
  return document(
    "Card details",
    "payment-field.js",
    `<div class="component">
  <form id="card-form" class="card-form" novalidate data-origin="${e(origin)}">
    ${field("number", "Card number", 'inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234" maxlength="23"')}
    <div class="pair">
      ${field("expiration", "Expiry (MM / YY)", 'inputmode="numeric" autocomplete="cc-exp" placeholder="MM / YY" maxlength="7"')}
      ${field("cvv", "Security code (CVV)", 'inputmode="numeric" autocomplete="cc-csc" placeholder="123" maxlength="4"')}
    </div>
    ${zip ? field("postal_code", "Billing postal code", 'autocomplete="billing postal-code" maxlength="32"') : ""}
    <div class="hint" id="sandbox-hint">
      <p><strong>Sandbox test cards</strong> (any future expiry, any CVV):</p>
      <ul>
        <li><span class="number">4111 1111 1111 1004</span> is approved</li>
        <li><span class="number">4000 0000 0000 0002</span> is always declined</li>
        <li><span class="number">4000 0000 0000 0127</span> fails the bank's CVV check</li>
      </ul>
    </div>
    <p class="secured"><span class="bolt-mark" aria-hidden="true"></span>Card details are secured by Bolt</p>
  </form>
</div>`,
  );
}

/**
 * Bolt's account checkbox: the shopper's consent to a Bolt account made from this checkout, with
 * Bolt's terms. `version=expanded` says what the account is for; `checked=1` starts it ticked.
 */
export function accountCheckboxPage({ origin, problem, query }: FramedPageInput): string {
  if (problem) return document("Create a Bolt account", "account-checkbox.js", problemBody(problem));
  const expanded = query.get("version") === "expanded";
  const checked = query.get("checked") === "1" ? " checked" : "";
  const more = expanded
    ? `<p class="terms">Next time, sign in with a one-time code and pay in one click at any store that uses Bolt.</p>`
    : "";
  return document(
    "Create a Bolt account",
    "account-checkbox.js",
    `<div class="component consent${expanded ? " expanded" : ""}" data-origin="${e(origin)}">
  <div class="check">
    <input type="checkbox" id="create-account"${checked} aria-describedby="consent-terms">
    <label for="create-account"><span class="bolt-mark" aria-hidden="true"></span>Save my details with Bolt for one-click checkout</label>
  </div>
  ${more}
  <p class="terms" id="consent-terms">Bolt creates an account with your email, mobile phone, shipping address and card. By checking this box you agree to Bolt's <a href="${BOLT_TERMS_URL}" target="_blank" rel="noopener noreferrer">Terms of Use</a> and <a href="${BOLT_PRIVACY_URL}" target="_blank" rel="noopener noreferrer">Privacy Policy</a>.</p>
</div>`,
  );
}
