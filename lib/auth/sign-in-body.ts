import * as z from "zod";
import { SCOPE, scopeList } from "@/lib/bolt/scopes";

/**
 * `{ code, scope }` from Bolt's `login_complete`, and nothing else. The code is printable ASCII
 * without spaces (RFC 6749 VSCHAR minus SP): no CR/LF, NUL or Unicode reaches Bolt or a log line.
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
});

/**
 * The scope we ask Bolt for: the account scopes the modal granted (manage by default) plus
 * `openid`, which we always need for the id_token. Anything else the page sent is dropped.
 */
export function requestedScope(granted: string): string {
  const known = scopeList(granted).filter((scope) => scope === SCOPE.manage || scope === SCOPE.view);
  return [...(known.length > 0 ? known : [SCOPE.manage]), SCOPE.openid].join(" ");
}
