import type { Shopper } from "../store/shoppers";
import type { FramedPageInput } from "./framed-page";
import { escapeHtml as e } from "./login-modal-page";
import { pageDocument } from "./page-document";

/**
 * Bolt's login status: the signed-in shopper's name and Bolt's mark, with a control that logs them out
 * of Bolt. Empty when this browser has no Bolt session (embed.js then keeps the frame hidden).
 */
export function loginStatusPage({ origin, problem }: FramedPageInput, shopper: Shopper | undefined): string {
  const signedIn = !problem && shopper !== undefined;
  const content = problem
    ? `<p class="error" role="alert">${e(problem)}</p>`
    : shopper
      ? `<p class="who"><img class="bolt-mark" src="/connect/images/bolt-mark.svg" alt="Bolt" width="16" height="16">
    Signed in with Bolt as <strong>${e(`${shopper.firstName} ${shopper.lastName}`.trim() || shopper.email)}</strong></p>
  <button type="button" class="logout" id="logout">Log out of Bolt</button>`
      : "";
  return pageDocument({
    title: "Your Bolt account",
    stylesheet: "components.css",
    script: "login-status.js",
    body: `<div class="component status" data-origin="${e(origin)}" data-signed-in="${signedIn}">
  ${content}
</div>`,
  });
}
