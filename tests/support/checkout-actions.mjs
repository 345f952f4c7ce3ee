// "Place order" without a browser: the checkout page's server actions called over HTTP exactly as
// React calls them (a POST to the page naming the action, its arguments encoded as React's
// `encodeReply` encodes `[previousState, formData]`), for the cluster tests and the bench, which
// place hundreds of orders (and press the order desk's buttons). The action ids are read from the
// build's own manifest.
import { readFileSync } from "node:fs";
import path from "node:path";

const CHECKOUT_ACTIONS = "app/(checkout)/checkout/actions.ts";

/**
 * The ids of the server actions `file` exports in a build (`distDir`, e.g. `.next-test`), by exported
 * name; fails unless every one of `required` is there.
 * @returns {Record<string, string>}
 */
export function actionIds(distDir, file, required) {
  const manifest = JSON.parse(readFileSync(path.join(distDir, "server/server-reference-manifest.json"), "utf8"));
  const ids = {};
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.filename === file) ids[entry.exportedName] = id;
  }
  if (!required.every((name) => ids[name])) throw new Error(`No ${required.join(", ")} in ${distDir}'s manifest`);
  return ids;
}

/**
 * The checkout's action ids in a build, by exported name: `{ payAsGuest, paySignedIn, checkPendingPayment, … }`.
 * @returns {Record<string, string>}
 */
export function checkoutActionIds(distDir) {
  return actionIds(distDir, CHECKOUT_ACTIONS, ["payAsGuest", "paySignedIn"]);
}

/**
 * What the checkout page shows and sends back with the order: the total and the cart's fingerprint.
 * @returns {Promise<{ total: string; fingerprint: string }>}
 */
export async function shownCart(base, cookie) {
  const response = await fetch(`${base}/checkout`, { headers: { cookie } });
  const html = await response.text();
  // The page's props, inside the escaped RSC payload: {"total":3724,"totalLabel":"$37.24","fingerprint":"…"}.
  const shown = /\\?"total\\?":(\d+),\\?"totalLabel\\?":\\?"[^"\\]*\\?",\\?"fingerprint\\?":\\?"([\w-]+)/.exec(html);
  if (response.status !== 200 || !shown) throw new Error(`GET /checkout answered ${response.status} without a cart`);
  return { total: String(shown[1]), fingerprint: String(shown[2]) };
}

/**
 * The fields Bolt's payment field and the guest form send: a guest shipping to Austin with a mobile
 * phone, declining Bolt's account. `card` is a token from the emulator's tokenizer (one per click).
 */
export function guestFields({ shown, email, card }) {
  return {
    total: shown.total,
    fingerprint: shown.fingerprint,
    email,
    firstName: "Ivy",
    lastName: "Guest",
    street1: "1 Test Way",
    locality: "Austin",
    region: "TX",
    postalCode: "78701",
    countryCode: "US",
    mobile: "+1 415 555 0100",
    createAccount: "off",
    card: JSON.stringify(card),
  };
}

/** A signed-in shopper's saved address and card, as the checkout's pickers send them. */
export function savedCardFields({ shown, addressId, cardId }) {
  return { total: shown.total, fingerprint: shown.fingerprint, addressId, cardId };
}

/** A `Cookie` header that takes the `Set-Cookie` lines of each answer, as a browser's jar does. */
export class CookieJar {
  #cookies = new Map();

  constructor(initial = "") {
    for (const pair of initial.split(/;\s*/).filter(Boolean)) this.#set(pair);
  }

  #set(pair) {
    const at = pair.indexOf("=");
    this.#cookies.set(pair.slice(0, at), pair.slice(at + 1));
  }

  take(response) {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(";")[0];
      if (/max-age=0/i.test(line) || pair.endsWith("=")) this.#cookies.delete(pair.slice(0, pair.indexOf("=")));
      else this.#set(pair);
    }
  }

  get(name) {
    return this.#cookies.get(name);
  }

  header() {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/** `app;dur=…, bolt;dur=…` in ms, or undefined where the answer has none. */
export function serverTimingOf(response) {
  const header = response.headers.get("server-timing") ?? "";
  const app = /(?:^|,\s*)app;dur=([\d.]+)/.exec(header);
  const bolt = /(?:^|,\s*)bolt;dur=([\d.]+)/.exec(header);
  return app && bolt ? { app: Number(app[1]), bolt: Number(bolt[1]) } : undefined;
}

/**
 * One press of a form whose action takes `(previousState, formData)`: calls the action `actionId` on
 * the page at `base` + `path` with `fields`, sending `Origin: origin` and the jar's cookies, and keeps
 * the cookies it sets. Resolves to where it redirects (`redirect`, or ""), the state it returned
 * (`state`), and the answer's Server-Timing.
 */
export async function callFormAction({ base, path, origin, actionId, jar, fields, previous, headers = {} }) {
  const body = new FormData();
  // React's reply encoding: the form's fields under the FormData's reference ($K1), the arguments at 0.
  for (const [name, value] of Object.entries(fields)) body.append(`_1_${name}`, value);
  body.append("0", JSON.stringify([previous, "$K1"]));
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Next-Action": actionId, Accept: "text/x-component", Origin: origin, cookie: jar.header(), ...headers },
    body,
  });
  const text = await response.text();
  jar.take(response);
  return {
    status: response.status,
    redirect: response.headers.get("x-action-redirect") ?? "",
    state: actionResult(text),
    timing: serverTimingOf(response),
  };
}

/**
 * One click of "Place order": resolves to the order it placed (`orderId`, from the redirect to its
 * page) or the state the page would show (`state`: its status and message), with the answer's Server-Timing.
 */
export async function callCheckoutAction({ base, origin, actionId, jar, fields, headers = {} }) {
  const answer = await callFormAction({
    base,
    path: "/checkout",
    origin,
    actionId,
    jar,
    fields,
    previous: { status: "idle" },
    headers,
  });
  const placed = /^\/orders\/([^/?;]+)/.exec(answer.redirect);
  if (placed) return { status: answer.status, orderId: decodeURIComponent(placed[1]), timing: answer.timing };
  return { status: answer.status, state: answer.state, timing: answer.timing };
}

/** The action's return value in the RSC answer: the row the root's `"a":"$@<id>"` points at. */
function actionResult(text) {
  const lines = new Map();
  for (const line of text.split("\n")) {
    const at = line.indexOf(":");
    if (at > 0) lines.set(line.slice(0, at), line.slice(at + 1));
  }
  try {
    const result = JSON.parse(lines.get("0") ?? "null")?.a;
    const value = typeof result === "string" ? JSON.parse(lines.get(result.replace(/^\$@/, "")) ?? "null") : result;
    return value ?? { status: "unreadable", message: text.slice(0, 200) };
  } catch {
    return { status: "unreadable", message: text.slice(0, 200) };
  }
}
