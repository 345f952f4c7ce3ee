import * as z from "zod";

/** Bolt's are ~87 characters; these bounds still seal into one 4 KB cookie. */
export const MAX_ACCESS_TOKEN_LENGTH = 2048;
export const MAX_REFRESH_TOKEN_LENGTH = 384;

/** Printable ASCII without spaces, so no token can inject a header. */
export const OAuthToken = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[\x21-\x7E]+$/);
