import { createHmac, timingSafeEqual } from "node:crypto";

/** Bolt's `X-Bolt-Hmac-Sha256`: base64(HMAC-SHA256(signing secret, the raw request body)). */
export function signWebhookBody(secret: string, body: string | Buffer): string {
  return createHmac("sha256", secret).update(body).digest("base64");
}

/** Whether `signature` is the body's signature under `secret`, compared in constant time. */
export function verifyWebhookBody(
  secret: string,
  body: string | Buffer,
  signature: string | null | undefined,
): boolean {
  if (!signature) return false;
  const expected = Buffer.from(signWebhookBody(secret, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
