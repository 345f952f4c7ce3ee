import * as z from "zod";

/** Faults in the emulator's webhook deliveries, as posted to `/__emulator/webhooks/faults`. */
export const WebhookFaultsSchema = z.strictObject({
  /** Deliver every event this many more times. */
  duplicate: z.int().min(0).max(10).default(0),
  /** Hold every event; clearing the faults delivers the held ones, newest first. */
  reorder: z.boolean().default(false),
  /** Sign every delivery with a secret the merchant does not have. */
  wrongSecret: z.boolean().default(false),
  /** A secret rotation: every delivery also carries `X-Bolt-Hmac-Sha256-Pending`, signed with the next secret. */
  rotation: z.strictObject({ nextSecret: z.string().min(1) }).optional(),
});

export type WebhookFaults = z.output<typeof WebhookFaultsSchema>;
export type WebhookFaultsInput = z.input<typeof WebhookFaultsSchema>;

export const NO_WEBHOOK_FAULTS: WebhookFaults = { duplicate: 0, reorder: false, wrongSecret: false };
