import { createHash } from "node:crypto";
import type { Kv } from "@/lib/kv";

/** The code was claimed by another client, which may still be exchanging it: 409, no cookie. */
export class CodeInUseError extends Error {
  constructor() {
    super("This authorization code is being used by another client");
    this.name = "CodeInUseError";
  }
}

/** The code was already exchanged (or tried): 422, no cookie, Bolt not called. */
export class CodeReplayError extends Error {
  constructor() {
    super("This authorization code was already used");
    this.name = "CodeReplayError";
  }
}

export type CodeGuardOptions = {
  /** How long a code is remembered: longer than Bolt's 5-minute code lifetime. */
  memoryMs: number;
  /** The longest an exchange can take (Bolt's timeout, twice, with the id_token check): after this, a claim without a result is settled. */
  inFlightMs: number;
  /** How often a duplicate of the same attempt looks for the result. */
  pollMs: number;
};

/** Seals and opens an exchange's outcome for the store: it carries tokens. */
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
    // a value we did not write: treated as a settled claim
  }
  return undefined;
}

/**
 * Single use per authorization code, across every instance sharing the store. Bolt revokes every
 * token issued from a code that is used twice (RFC 6749 §4.1.2), so a code reaches Bolt at most
 * once, whatever happens: the first request to claim it (set-if-absent, remembered for `memoryMs`)
 * exchanges it; nobody else ever does, even after a failure or timeout (Bolt may have used it).
 *
 * Who else gets what:
 * - the same sign-in attempt (the page's per-tab nonce, see SignInBody): the first one's outcome,
 *   handed over sealed through the store, so a double submit settles to one session;
 * - anyone else: 409 while the exchange may still run, 422 once it has settled. Never a cookie.
 *
 * Nothing is evicted: entries expire, and a full store refuses new claims instead.
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
      // Best effort: without it, a duplicate of this attempt gets a 409 and the cookie from this answer stands.
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

  /** Kept as long as an exchange may run, so the "settled" check above can rely on it. */
  private outcomeMs(): number {
    return Math.max(60_000, this.options.inFlightMs);
  }

  private async awaitOutcome(key: string, deadline: number): Promise<R> {
    const arrivedInFlight = Date.now() < deadline;
    for (;;) {
      const seal = await this.kv.get(key);
      const outcome = seal === undefined ? undefined : await this.codec.open(seal);
      if (outcome !== undefined) return outcome;
      // No outcome: the first request failed without one, or it has expired since.
      if (Date.now() >= deadline) throw arrivedInFlight ? new CodeInUseError() : new CodeReplayError();
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs));
    }
  }
}
