import * as z from "zod";
import { sha256Hex } from "../ids";
import { BoltApiError, ErrorCodes } from "./errors";
import { headerValue, json, type ApiRequest, type Reply } from "./reply";
import { parseWith } from "./validate";

/** A handler's decided answer, kept to answer a repeat of the request with. */
export type StoredReply = { status: number; body: unknown };

const WINDOW_MS = 24 * 60 * 60 * 1000;
const IdempotencyKey = z.string().trim().min(1).max(255).optional();

type Entry = { fingerprint: string; reply: StoredReply; at: number };

/** Answers remembered per client and `Idempotency-Key`, and the keys whose first request is still running. */
export class IdempotencyStore {
  private readonly replies = new Map<string, Entry>();
  private readonly running = new Set<string>();

  /** Marks the scope in flight; false when it already is. */
  claim(scope: string): boolean {
    if (this.running.has(scope)) return false;
    this.running.add(scope);
    return true;
  }

  release(scope: string): void {
    this.running.delete(scope);
  }

  recall(scope: string, now = Date.now()): Entry | undefined {
    const entry = this.replies.get(scope);
    return entry && now - entry.at < WINDOW_MS ? entry : undefined;
  }

  remember(scope: string, fingerprint: string, reply: StoredReply, now = Date.now()): void {
    this.replies.set(scope, { fingerprint, reply, at: now });
  }
}

/** Keys are the client's own: the same key from another API key is another request. */
function scopeOf(request: ApiRequest, key: string): string {
  return `${headerValue(request.headers, "x-api-key") ?? ""}\n${key}`;
}

/** Key order must not matter when comparing a retried body with the original. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The request as the key's first use is compared with: its path (a key is for one operation) and its body. */
function fingerprintOf(request: ApiRequest): string {
  const text = request.body.toString("utf8");
  let body: string;
  try {
    body = canonicalJson(JSON.parse(text));
  } catch {
    body = text;
  }
  return sha256Hex(`${request.path}\n${body}`);
}

/**
 * Marks the request's `Idempotency-Key` in flight until the returned release is called. The server
 * calls it before anything else (fault latency included), so a repeat sent while the first request
 * is still running is answered 409 with `Idempotent-Retriable: true`: the first may still succeed.
 */
export function holdIdempotencyKey(request: ApiRequest, store: IdempotencyStore): (() => void) | undefined {
  const key = IdempotencyKey.safeParse(headerValue(request.headers, "idempotency-key"));
  if (!key.success || !key.data) return undefined;
  const scope = scopeOf(request, key.data);
  if (!store.claim(scope)) {
    throw new BoltApiError(
      409,
      ErrorCodes.idempotencyInFlight,
      "A request with this Idempotency-Key is still in progress. Retry later with the same key.",
      { "Idempotent-Retriable": "true" },
    );
  }
  return () => store.release(scope);
}

/**
 * Runs a request once per `Idempotency-Key`: a repeat within 24 hours with the same body is answered
 * with the first answer (success or decline) and `Idempotent-Replayed: true`, and changes nothing; the
 * same key with another body is refused. Errors `run` throws are not remembered: nothing happened.
 */
export function answerOnce(request: ApiRequest, store: IdempotencyStore, run: () => StoredReply): Reply {
  const key = parseWith(IdempotencyKey, headerValue(request.headers, "idempotency-key"));
  if (!key) {
    const reply = run();
    return json(reply.status, reply.body);
  }
  const scope = scopeOf(request, key);
  const fingerprint = fingerprintOf(request);
  const earlier = store.recall(scope);
  if (earlier && earlier.fingerprint !== fingerprint) {
    throw new BoltApiError(
      422,
      ErrorCodes.idempotencyMismatch,
      "Idempotency-Key was already used with a different request body.",
    );
  }
  if (earlier) return json(earlier.reply.status, earlier.reply.body, { "Idempotent-Replayed": "true" });
  const reply = run();
  store.remember(scope, fingerprint, reply);
  return json(reply.status, reply.body);
}
