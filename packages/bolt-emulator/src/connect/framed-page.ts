import * as z from "zod";
import { safeEqual } from "../http/credentials";
import { html, type ApiRequest, type Reply } from "../http/reply";
import { queryObject } from "../http/validate";
import type { Emulator } from "../state";
import { isAllowedOrigin } from "./origins";

export const NO_STORE = { "Cache-Control": "no-store" };

const FramedQuery = z.looseObject({ origin: z.string().min(1), key: z.string().min(1) });

export type FramedPageInput = {
  /** The storefront origin that frames the page and receives its messages. */
  origin: string;
  /** Set when the page cannot do its job (an unknown publishable key): shown instead of the form. */
  problem?: string;
  query: URLSearchParams;
};

/**
 * A page embed.js frames into a storefront (the login modal, the payment field, the account
 * checkbox): it may only be framed by the allowed storefront origin it was opened for, runs only
 * its own same-origin script and styles, and shows a readable problem for a wrong publishable key.
 */
export function framedPage(request: ApiRequest, emulator: Emulator, render: (input: FramedPageInput) => string): Reply {
  const refuse = (message: string) =>
    html(400, `<!doctype html><title>Bolt</title><p>${message}</p>`, {
      "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
      ...NO_STORE,
    });
  const query = FramedQuery.safeParse(queryObject(request.query));
  if (!query.success) return refuse("This page needs origin and key parameters.");
  const { origin, key } = query.data;
  if (!isAllowedOrigin(origin, emulator.settings.allowedOrigins)) {
    return refuse("This origin may not show the Bolt emulator's components. Add it to BOLT_EMULATOR_ALLOWED_ORIGINS.");
  }
  const problem = safeEqual(key, emulator.settings.publishableKey)
    ? undefined
    : "Unknown publishable key: check the key passed to Bolt.initialize().";
  return html(200, render({ origin, problem, query: request.query }), {
    "Content-Security-Policy": [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self'",
      "connect-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      `frame-ancestors ${origin}`,
    ].join("; "),
    "Referrer-Policy": "no-referrer",
    ...NO_STORE,
  });
}
