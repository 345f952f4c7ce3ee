// Figure 4: the session cookie's size, from a real sign-in and resealed with large tokens.
import { sealData } from "iron-session";
import { SESSION_PASSWORD } from "../env.mjs";
import { bolt, signIn, unsealSession } from "../shop.mjs";
import { budget, row } from "../stats.mjs";

const LIMIT = 4096;
// The app's own bounds on what Bolt may return (lib/bolt/token-format.ts).
const MAX_ACCESS_TOKEN_LENGTH = 2048;
const MAX_REFRESH_TOKEN_LENGTH = 384;

/** A JWT-shaped token of exactly `length` characters (as lib/session/testing/sealed-cookie.ts builds them). */
const jwt = (length) => `eyJhbGciOiJSUzI1NiJ9.${"x".repeat(length - 65)}.${"s".repeat(43)}`;
const bytes = (text) => Buffer.byteLength(text, "utf8");

/**
 * The same `Set-Cookie` line with the session resealed around other tokens, as the storefront
 * would seal it (iron-session, same password, same lifetime), under the https name `__Host-`.
 */
async function resealed(setCookie, session, tokens) {
  const [, attributes] = setCookie.split(/;(.*)/s);
  const ttl = Number(setCookie.match(/Max-Age=(\d+)/)[1]) + 60;
  const seal = await sealData({ ...session, ...tokens }, { password: { 1: SESSION_PASSWORD }, ttl });
  return `__Host-bolt_session=${seal};${attributes}`;
}

export async function cookieBytesFigure({ plan }) {
  const typical = [];
  const jwtAccess = [];
  const schemaMax = [];
  for (let rep = 0; rep < plan.cookies.reps; rep++) {
    const setCookie = await signIn((await bolt.createShopper()).oauthCode);
    const session = await unsealSession(setCookie.match(/^bolt_session=([^;]*)/)[1]);
    typical.push(bytes(setCookie));
    jwtAccess.push(bytes(await resealed(setCookie, session, { accessToken: jwt(MAX_ACCESS_TOKEN_LENGTH) })));
    schemaMax.push(
      bytes(
        await resealed(setCookie, session, {
          accessToken: jwt(MAX_ACCESS_TOKEN_LENGTH),
          refreshToken: jwt(MAX_REFRESH_TOKEN_LENGTH),
        }),
      ),
    );
  }
  const limit = budget(`≤ ${LIMIT} (every run)`, "value", "all", "<=", LIMIT);
  const rows = [
    row({
      metric: "typical: real sign-in against the emulator (Bolt-sized 87-character tokens)",
      unit: "bytes",
      values: typical,
      budget: limit,
    }),
    row({
      metric: "worst case: 2 KB JWT access token, https name __Host-bolt_session",
      unit: "bytes",
      values: jwtAccess,
      budget: limit,
    }),
    row({
      metric: `largest tokens the app accepts: ${MAX_ACCESS_TOKEN_LENGTH}-character access + ${MAX_REFRESH_TOKEN_LENGTH}-character refresh token, __Host-`,
      unit: "bytes",
      values: schemaMax,
      budget: limit,
    }),
  ];
  return {
    id: "cookies",
    title: "4. Session cookie size (whole Set-Cookie line)",
    how:
      `Bytes of the storefront's whole Set-Cookie line for the session (name, sealed value and attributes, what ` +
      `browsers cap at ${LIMIT}), from POST /api/bolt/session with a fresh shopper (${plan.cookies.reps}×). The ` +
      `larger cases unseal that same session and reseal it with iron-session, the storefront's password and ` +
      `lifetime, around JWT-shaped tokens, as lib/session/store.test.ts does.`,
    rows,
    notes: rows[2].pass
      ? []
      : [
          `The app's token bounds (access ≤ ${MAX_ACCESS_TOKEN_LENGTH}, refresh ≤ ${MAX_REFRESH_TOKEN_LENGTH} characters, ` +
            `lib/bolt/token-format.ts) do not fit one cookie together: sealing encrypts and base64url-encodes the session, ` +
            `so each token character costs about 4/3 bytes. iron-session refuses to write a cookie over ${LIMIT} bytes, so ` +
            `such a sign-in would fail with a 502 rather than set a cookie the browser drops. Bolt's tokens today are 87 ` +
            `characters (first row). A 2 KB JWT access token fits with a refresh token up to about ` +
            `${Math.floor(MAX_REFRESH_TOKEN_LENGTH - ((rows[2].value.max - LIMIT) * 3) / 4)} characters.`,
        ],
  };
}
