import { createHash } from "node:crypto";
import type { Kv } from "@/lib/kv";

/** Another client claimed the code and may still be exchanging it: 409. */
export class CodeInUseError extends Error {
  constructor() {
    super("This authorization code is being used by another client");
    this.name = "CodeInUseError";
  }
}

/** Already exchanged (or tried): 422, Bolt not called. */
export class CodeReplayError extends Error {
  constructor() {
    super("This authorization code was already used");
    this.name = "CodeReplayError";
  }
}

export type CodeGuardOptions = {
  /** Longer than Bolt's 5-minute code lifetime. */
  memoryMs: number;
  /** The longest an exchange can take; after this, a claim without a result is settled. */
  inFlightMs: number;
  pollMs: number;
};

/** The outcome carries tokens, so it crosses kv sealed. */
export type OutcomeCodec<R> = {
  seal(outcome: R, ttlMs: number): Promise<string>;
  open(seal: string): Promise<R | undefined>;
};

type Claim = { attempt: string | null; at: number };

const hash = (value: string) => createHash("sha256").update(value).digest("base64url");

function parseClaim(value: string | undefined): Claim | undefined {
  try {
    const claim = JSON.parse(value ?? "null") as Partial<Claim> | null;
    if (claim && typeof claim.at === "number") return { attempt: claim.attempt ?? null, at: claim.at };
  } catch {
    // a value we did not write: a settled claim
  }
  return undefined;
}

/**
 * A code reaches Bolt at most once, across instances: Bolt revokes every token from a code used twice
 * (RFC 6749 §4.1.2). The first claim exchanges it; the same tab's duplicate gets that outcome, anyone
 * else 409 while it may run and 422 after. Nothing is evicted: a full kv refuses new claims instead.
 */
export class CodeGuard<R> {
  constructor(
    private readonly kv: Kv,
    private readonly options: CodeGuardOptions,
    private readonly codec: OutcomeCodec<R>,
  ) {}

  async run(code: string, attempt: string | undefined, exchange: () => Promise<R>): Promise<R> {
    const id = hash(code);
    const keys = { claim: `code:${id}`, outcome: `code-outcome:${id}` };
    const mine: Claim = { attempt: attempt === undefined ? null : hash(attempt), at: Date.now() };
    if (await this.kv.setIfAbsent(keys.claim, JSON.stringify(mine), this.options.memoryMs)) {
      const outcome = await exchange();
      const ttlMs = this.outcomeMs();
      // Best effort: without it, a duplicate of this attempt gets a 409 and this answer's cookie stands.
      await this.codec
        .seal(outcome, ttlMs)
        .then((seal) => this.kv.setIfAbsent(keys.outcome, seal, ttlMs))
        .catch(() => undefined);
      return outcome;
    }
    const claim = parseClaim(await this.kv.get(keys.claim));
    const settledBy = (claim?.at ?? 0) + this.options.inFlightMs;
    if (claim && mine.attempt !== null && claim.attempt === mine.attempt) {
      return this.awaitOutcome(keys.outcome, settledBy);
    }
    if (Date.now() < settledBy && (await this.kv.get(keys.outcome)) === undefined) throw new CodeInUseError();
    throw new CodeReplayError();
  }

  private outcomeMs(): number {
    return Math.max(60_000, this.options.inFlightMs);
  }

  private async awaitOutcome(key: string, deadline: number): Promise<R> {
    const arrivedInFlight = Date.now() < deadline;
    for (;;) {
      const seal = await this.kv.get(key);
      const outcome = seal === undefined ? undefined : await this.codec.open(seal);
      if (outcome !== undefined) return outcome;
      if (Date.now() >= deadline) throw arrivedInFlight ? new CodeInUseError() : new CodeReplayError();
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs));
    }
  }
}
