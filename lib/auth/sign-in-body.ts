import * as z from "zod";
import { SCOPE, scopeList } from "@/lib/bolt/scopes";

/**
 * `{ code, scope }` from Bolt's `login_complete`, plus the page's `attempt`, and nothing else. The
 * code is printable ASCII without spaces (RFC 6749 VSCHAR minus SP): no CR/LF, NUL or Unicode
 * reaches Bolt or a log line.
 *
 * `attempt` is a random nonce the page makes once per tab and keeps in memory. It is how the server
 * recognises "the same browser" when one code arrives twice: a double submit or a retried request
 * carries the same one and gets the same session; a copy of the code from anywhere else (it passes
 * through Bolt's `postMessage`, so other frames or extensions can see it) does not have it and is
 * refused. A cookie would not do: all tabs share it, and every visitor would need one. Nor would an
 * IP and User-Agent fingerprint: shoppers behind one NAT share it, and a client forges both.
 * Optional, so an API client without it still signs in; it just can't claim a duplicate.
 *
 * `stepUp: true` says the shopper is confirming the account they are already signed in to (to edit
 * saved data), not signing in afresh: the server then keeps the current session unless Bolt's
 * `sub` for the new code is the same account (see signIn). Without it, a sign-in replaces whatever
 * session the browser had.
 */
export const SignInBody = z.strictObject({
  code: z
    .string()
    .min(1)
    .max(512)
    .regex(/^[\x21-\x7E]+$/),
  scope: z
    .string()
    .max(256)
    .regex(/^[\x20-\x7E]*$/),
  attempt: z
    .string()
    .regex(/^[\w-]{16,64}$/)
    .optional(),
  stepUp: z.literal(true).optional(),
});

/**
 * The scope we ask Bolt for: the account scopes the modal granted (manage by default) plus
 * `openid`, which we always need for the id_token. Anything else the page sent is dropped.
 */
export function requestedScope(granted: string): string {
  const known = scopeList(granted).filter((scope) => scope === SCOPE.manage || scope === SCOPE.view);
  return [...(known.length > 0 ? known : [SCOPE.manage]), SCOPE.openid].join(" ");
}
