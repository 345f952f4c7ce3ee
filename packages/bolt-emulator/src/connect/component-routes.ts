import { safeEqual } from "../http/credentials";
import { JsonHttpError } from "../http/errors";
import { json, type ApiRequest, type Reply } from "../http/reply";
import type { Route } from "../http/router";
import { parseJsonBody } from "../http/validate";
import { checkCard, TokenizeBody } from "../payments/tokenize";
import type { Emulator } from "../state";
import { accountCheckboxPage, paymentFieldPage } from "./component-pages";
import { requireSameOrigin } from "./connect-routes";
import { framedPage, NO_STORE } from "./framed-page";
import { staticFile } from "./static-file";

function paymentField(request: ApiRequest, emulator: Emulator): Reply {
  return framedPage(request, emulator, paymentFieldPage);
}

function accountCheckbox(request: ApiRequest, emulator: Emulator): Reply {
  return framedPage(request, emulator, accountCheckboxPage);
}

/**
 * Bolt's tokenizer, called only by the payment field's own page: the card number stops here and a
 * single-use token (15 minutes, bound to the publishable key) goes back. Refusals are JSON
 * `{ type, message, fields? }`, the shape `tokenize()` resolves with.
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
  const checked = checkCard(input, publishableKey);
  if ("errors" in checked) {
    const [first] = checked.errors;
    return json(422, { type: "validation_error", message: first?.message, fields: checked.errors }, NO_STORE);
  }
  const token = emulator.state.cardTokens.mint(checked.card);
  return json(
    200,
    {
      token: token.token,
      bin: token.bin,
      last4: token.last4,
      expiration: token.expiration,
      network: token.network,
      token_type: "bolt",
      postal_code: token.postalCode,
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
