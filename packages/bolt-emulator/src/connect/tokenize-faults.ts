import * as z from "zod";

/**
 * How `tokenize()` fails when a test asks it to: `reject` (the promise rejects with an `Error`) or `error`
 * (it resolves to an `Error`, as BigCommerce's and Bolt's React Native types allow: `Promise<Token | Error>`).
 */
export const TokenizeFaultSchema = z.strictObject({
  outcome: z.enum(["reject", "error"]),
  message: z.string().min(1).max(200).default("Bolt's tokenizer failed (injected by the emulator)."),
  times: z.int().min(1).max(100).default(1),
});

export type TokenizeFault = { outcome: "reject" | "error"; message: string };

/** Failures queued for the next tokenizations that reach Bolt's tokenizer, one each. */
export class TokenizeFaults {
  private queue: TokenizeFault[] = [];

  add({ outcome, message, times }: z.output<typeof TokenizeFaultSchema>): number {
    for (let i = 0; i < times; i++) this.queue.push({ outcome, message });
    return this.queue.length;
  }

  take(): TokenizeFault | undefined {
    return this.queue.shift();
  }

  clear(): void {
    this.queue = [];
  }
}
