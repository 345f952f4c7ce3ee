import * as z from "zod";

/**
 * Bolt's tokens are ~87 characters. Sealing costs about 4/3 byte per character, so together these
 * bounds (a 2 KB JWT access token, a refresh token over 4× Bolt's) still fit one 4 KB cookie.
 */
export const MAX_ACCESS_TOKEN_LENGTH = 2048;
export const MAX_REFRESH_TOKEN_LENGTH = 384;

/** Printable ASCII without spaces: a token that could inject a header (`\r\n`) is refused. */
export const OAuthToken = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[\x21-\x7E]+$/);
