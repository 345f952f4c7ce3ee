import * as z from "zod";

export const FAULT_BODY_KINDS = ["json", "malformed", "html", "empty"] as const;

/** A fault rule, as posted to `/__emulator/faults` or listed in `BOLT_EMULATOR_FAULTS`. */
export const FaultRuleSchema = z
  .strictObject({
    path: z.string().startsWith("/", { error: "path must start with /" }),
    method: z
      .string()
      .regex(/^[A-Za-z]+$/)
      .transform((method) => method.toUpperCase())
      .optional(),
    email: z
      .email()
      .transform((email) => email.toLowerCase())
      .optional(),
    latencyMs: z.int().min(0).max(600_000).optional(),
    status: z.int().min(100).max(599).optional(),
    body: z.enum(FAULT_BODY_KINDS).optional(),
    hang: z.boolean().optional(),
    times: z.int().min(1).optional(),
  })
  .refine((rule) => rule.latencyMs !== undefined || rule.status !== undefined || rule.body !== undefined || rule.hang, {
    error: "a fault needs at least one of latencyMs, status, body or hang",
  });

export type FaultRule = z.output<typeof FaultRuleSchema>;
