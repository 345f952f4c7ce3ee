import * as z from "zod";

/** Bolt's tokens are ~87 characters; these bounds keep the whole session inside one 4 KB cookie. */
export const MAX_ACCESS_TOKEN_LENGTH = 2048;
export const MAX_REFRESH_TOKEN_LENGTH = 1024;

/** Printable ASCII without spaces: a token that could inject a header (`\r\n`) is refused. */
export const OAuthToken = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[\x21-\x7E]+$/);
