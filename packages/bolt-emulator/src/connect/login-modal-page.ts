import { pageDocument } from "./page-document";

export type ModalPageInput = {
  /** The storefront origin that frames the modal and receives its messages. */
  origin: string;
  email?: string;
  otp: string;
  /** Shown instead of the form when the page cannot do its job (e.g. an unknown publishable key). */
  problem?: string;
};

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** The login modal's HTML. */
export function loginModalPage(input: ModalPageInput): string {
  const e = escapeHtml;
  const body = input.problem
    ? `<section class="step">
        <h1 id="title">Bolt sign-in is unavailable</h1>
        <p class="error" role="alert">${e(input.problem)}</p>
        <button type="button" class="secondary" data-close>Close</button>
      </section>`
    : `<section class="step" id="email-step" hidden>
        <h1 id="title-email">Sign in with Bolt</h1>
        <p class="lead">Enter your email and we'll send you a one-time code.</p>
        <form id="email-form" novalidate>
          <label for="email-input">Email</label>
          <input id="email-input" name="email" type="email" autocomplete="email" inputmode="email" spellcheck="false" required aria-describedby="email-error">
          <p id="email-error" class="error" role="alert" hidden></p>
          <button type="submit" class="primary">Send code</button>
        </form>
      </section>
      <section class="step" id="code-step" hidden>
        <h1 id="title-code">Enter your code</h1>
        <p class="lead" id="code-lead">We sent a 6-digit code to <strong id="email-label"></strong>.</p>
        <p class="hint">Sandbox: your code is <strong>${e(input.otp)}</strong></p>
        <form id="code-form" novalidate>
          <label for="otp">One-time code</label>
          <input id="otp" name="otp" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required aria-describedby="otp-error">
          <p id="otp-error" class="error" role="alert" hidden></p>
          <button type="submit" class="primary" id="verify"><span class="spinner" aria-hidden="true"></span><span class="label">Continue</span></button>
        </form>
        <button type="button" class="link" id="change-email">Use a different email</button>
      </section>`;
  return pageDocument({
    title: "Sign in with Bolt",
    stylesheet: "login-modal.css",
    script: "login-modal.js",
    body: `<div class="backdrop" data-close></div>
<div class="sheet" id="dialog" role="dialog" aria-modal="true" aria-labelledby="${input.problem ? "title" : "title-code"}"
  data-origin="${e(input.origin)}" data-email="${e(input.email ?? "")}">
  <div class="top">
    <span class="brand"><img class="bolt-mark" src="/connect/images/bolt-mark.svg" alt="" width="22" height="22">Bolt</span>
    <button type="button" class="close" aria-label="Close" data-close>&times;</button>
  </div>
  ${body}
  <p class="footer">Bolt emulator &middot; sandbox sign-in for local development</p>
</div>`,
  });
}
