import { safeEqual } from "../http/credentials";
import { JsonHttpError } from "../http/errors";
import { json, type ApiRequest, type Reply } from "../http/reply";
import type { Route } from "../http/router";
import { parseJsonBody } from "../http/validate";
import { checkCard, TokenizeBody } from "../payments/tokenize";
import { answersOf } from "../profile";
import type { Emulator } from "../state";
import { accountCheckboxPage, paymentFieldPage } from "./component-pages";
import { requireSameOrigin } from "./connect-routes";
import { framedPage, NO_STORE } from "./framed-page";
import { staticFile } from "./static-file";

/**
 * Whether the payment field shows its billing ZIP input: always in the spec profile; in the sandbox
 * profile only when the storefront asked for it with the field's ZIP option, as Bolt's field does.
 */
function showsZip(emulator: Emulator, query: URLSearchParams): boolean {
  return answersOf(emulator.settings.profile).fieldToken === "full" || query.get("zip") === "1";
}

function paymentField(request: ApiRequest, emulator: Emulator): Reply {
  return framedPage(request, emulator, (input) => paymentFieldPage(input, showsZip(emulator, input.query)));
}

function accountCheckbox(request: ApiRequest, emulator: Emulator): Reply {
  return framedPage(request, emulator, accountCheckboxPage);
}

/**
 * Bolt's tokenizer, called only by the payment field's own page: the card number stops here and a
 * single-use token (15 minutes, bound to the publishable key) goes back. Refusals are JSON
 * `{ type, message, fields? }`, the shape `tokenize()` resolves with; a failure a test injected adds
 * `outcome`, which embed.js turns into a rejection or an `Error`.
 */
function tokenize(request: ApiRequest, emulator: Emulator): Reply {
  requireSameOrigin(request);
  const input = parseJsonBody(
    TokenizeBody,
    request.body,
    () =>
      new JsonHttpError(422, {
        type: "validation_error",
        message: "Bolt's tokenizer could not read the card details.",
      }),
  );
  const { publishableKey } = emulator.settings;
  if (!safeEqual(input.key, publishableKey)) {
    throw new JsonHttpError(401, {
      type: "tokenization_error",
      message: "Unknown publishable key: check the key passed to Bolt.initialize().",
    });
  }
  const injected = emulator.state.tokenizeFaults.take();
  if (injected) {
    return json(503, { type: "tokenization_error", outcome: injected.outcome, message: injected.message }, NO_STORE);
  }
  // The spec profile's field always sends the postal code; a request without one is missing it.
  const full = answersOf(emulator.settings.profile).fieldToken === "full";
  const checked = checkCard({ ...input, postal_code: input.postal_code ?? (full ? "" : undefined) }, publishableKey);
  if ("errors" in checked) {
    const [first] = checked.errors;
    return json(422, { type: "validation_error", message: first?.message, fields: checked.errors }, NO_STORE);
  }
  const token = emulator.state.cardTokens.mint(checked.card);
  // Bolt's own integrations read no `network` from tokenize(), and a `postal_code` only with the ZIP option.
  return json(
    200,
    {
      token: token.token,
      bin: token.bin,
      last4: token.last4,
      expiration: token.expiration,
      ...(full ? { network: token.network } : {}),
      token_type: "bolt",
      ...(token.postalCode === undefined ? {} : { postal_code: token.postalCode }),
    },
    NO_STORE,
  );
}

const JS = "text/javascript; charset=utf-8";

export const componentRoutes: Route[] = [
  { method: "GET", pattern: "/connect/payment-field", kind: "connect", handler: paymentField },
  { method: "GET", pattern: "/connect/account-checkbox", kind: "connect", handler: accountCheckbox },
  { method: "POST", pattern: "/connect/tokenize", kind: "connect", handler: tokenize },
  {
    method: "GET",
    pattern: "/connect/payment-field.js",
    kind: "connect",
    handler: staticFile("payment-field.js", JS, "no-cache"),
  },
  {
    method: "GET",
    pattern: "/connect/account-checkbox.js",
    kind: "connect",
    handler: staticFile("account-checkbox.js", JS, "no-cache"),
  },
  {
    method: "GET",
    pattern: "/connect/components.css",
    kind: "connect",
    handler: staticFile("components.css", "text/css; charset=utf-8", "no-cache"),
  },
];
