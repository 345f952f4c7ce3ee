import "server-only";
import { randomBytes } from "node:crypto";
import * as z from "zod";
import { getEnv, type Env } from "@/lib/env";
import { readCapped } from "@/lib/http/read-capped";
import { budgetOrStop } from "@/lib/lifecycle/stop-signal";
import { log } from "@/lib/log/logger";
import { inSpan, SpanKind } from "@/lib/telemetry/spans";
import {
  BoltApiError,
  BoltError,
  BoltMissingFieldError,
  BoltOAuthError,
  BoltResponseError,
  BoltTimeoutError,
  BoltUnavailableError,
} from "./errors";
import { MAX_GET_RETRIES, parseRetryAfter, RETRYABLE_STATUSES, retryDelayMs } from "./retry";

export const MAX_RESPONSE_BYTES = 1_000_000;

export type BoltCall = {
  operation: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: `/${string}`;
  accessToken?: string;
  form?: URLSearchParams;
  json?: unknown;
  idempotencyKey?: string;
  errors: "oauth" | "api";
  /** `payment`: moving money, on `boltPaymentTimeoutMs`. */
  budget?: "account" | "payment";
};

export const WireOAuthError = z.object({
  error: z.string().min(1).max(200).optional(),
  error_description: z.string().optional(),
});

export const WireApiError = z.object({
  errors: z
    .array(z.object({ code: z.union([z.number(), z.string()]).optional(), message: z.string().max(2000).optional() }))
    .optional(),
});

/**
 * One budget per call, retries included, for GETs only: a replayed code or refresh token revokes the
 * shopper's tokens, and a replayed authorize could charge twice. A stopping server cuts the budget
 * short: the call times out, and a payment stays unconfirmed for the reconciler.
 */
export async function callBolt(call: BoltCall): Promise<unknown> {
  const env = getEnv();
  const budgetMs = call.budget === "payment" ? env.boltPaymentTimeoutMs : env.boltTimeoutMs;
  const deadline = Date.now() + budgetMs;
  const { signal, release } = budgetOrStop(AbortSignal.timeout(budgetMs));
  const retries = call.method === "GET" ? MAX_GET_RETRIES : 0;
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await attemptOnce(call, env, signal);
      } catch (error) {
        const delay =
          attempt < retries && error instanceof BoltUnavailableError
            ? retryDelayMs(attempt, error.retryAfterMs)
            : undefined;
        if (delay === undefined || Date.now() + delay >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  } finally {
    release();
  }
}

/** A mismatch is Bolt's fault and never reaches the shopper as it is. */
export function parseBoltBody<S extends z.ZodType>(schema: S, body: unknown, operation: string): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const absent = result.error.issues.find((issue) => issue.path.length > 0 && valueAt(body, issue.path) === undefined);
  if (absent) throw new BoltMissingFieldError(operation, absent.path.join("."));
  const where = result.error.issues.map((issue) => issue.path.join(".") || "(body)").join(", ");
  throw new BoltResponseError(`${operation}: Bolt's answer has an unexpected shape at ${where}`, 200);
}

function valueAt(body: unknown, path: PropertyKey[]): unknown {
  let node = body;
  for (const key of path) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** Bolt's trace ids are 32 hex digits; anything printable and short is kept, for the log. */
const TRACE_ID = /^[\w.:-]{1,128}$/;

/** Never a token, a body or a query string. */
function logCall(call: BoltCall, started: number, nonce: string, status: number, traceId: string | undefined): void {
  log.info("bolt call", {
    type: "bolt",
    operation: call.operation,
    method: call.method,
    path: pathOf(call),
    status,
    ms: Date.now() - started,
    boltTraceId: traceId ?? null,
    nonce,
  });
}

const pathOf = (call: BoltCall) => call.path.split("?")[0];

function attemptOnce(call: BoltCall, env: Env, signal: AbortSignal): Promise<unknown> {
  const attributes = { "bolt.operation": call.operation, "http.request.method": call.method, "url.path": pathOf(call) };
  return inSpan(`bolt ${call.operation}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    // A fresh random value on every request, retries included, as Bolt's own plugins send it.
    const nonce = randomBytes(16).toString("hex");
    const started = Date.now();
    let response: Response;
    try {
      response = await fetch(`${env.boltApiUrl}${call.path}`, {
        method: call.method,
        headers: requestHeaders(call, env, nonce),
        body: call.form ?? (call.json === undefined ? undefined : JSON.stringify(call.json)),
        cache: "no-store",
        redirect: "manual",
        signal,
      });
    } catch (error) {
      logCall(call, started, nonce, 0, undefined);
      throw transportError(call, error);
    }
    const given = response.headers.get("x-bolt-trace-id") ?? "";
    const traceId = TRACE_ID.test(given) ? given : undefined;
    span.setAttribute("http.response.status_code", response.status);
    if (traceId) span.setAttribute("bolt.trace_id", traceId);
    logCall(call, started, nonce, response.status, traceId);
    try {
      return await readAnswer(call, response, signal);
    } catch (error) {
      if (error instanceof BoltError) error.traceId ??= traceId;
      throw error;
    }
  });
}

async function readAnswer(call: BoltCall, response: Response, signal: AbortSignal): Promise<unknown> {
  const text = await readBody(response, call, signal);
  if (response.status >= 200 && response.status < 300) {
    if (text.trim() === "") return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new BoltResponseError(
        `${call.operation}: Bolt answered ${response.status} with a body that is not JSON`,
        response.status,
      );
    }
  }
  throw statusError(call, response, text);
}

function requestHeaders(call: BoltCall, env: Env, nonce: string): Headers {
  const headers = new Headers({
    Accept: "application/json",
    "X-API-Key": env.apiKey,
    "X-Publishable-Key": env.publishableKey,
    "X-Nonce": nonce,
  });
  if (call.accessToken) headers.set("Authorization", `Bearer ${call.accessToken}`);
  if (call.idempotencyKey) headers.set("Idempotency-Key", call.idempotencyKey);
  if (call.form) headers.set("Content-Type", "application/x-www-form-urlencoded");
  else if (call.json !== undefined) headers.set("Content-Type", "application/json");
  return headers;
}

function transportError(call: BoltCall, error: unknown): BoltError {
  if (error instanceof BoltError) return error;
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return new BoltTimeoutError(`${call.operation}: Bolt did not answer in time`, 0);
  }
  return new BoltUnavailableError(`${call.operation}: Bolt could not be reached`, 0);
}

async function readBody(response: Response, call: BoltCall, signal: AbortSignal): Promise<string> {
  let bytes: Uint8Array | undefined;
  try {
    bytes =
      Number(response.headers.get("content-length")) > MAX_RESPONSE_BYTES
        ? undefined
        : await readCapped(response.body, MAX_RESPONSE_BYTES);
  } catch (error) {
    throw transportError(call, signal.aborted ? signal.reason : error);
  }
  if (!bytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new BoltResponseError(
      `${call.operation}: Bolt's answer is larger than ${MAX_RESPONSE_BYTES} bytes`,
      response.status,
    );
  }
  return Buffer.from(bytes).toString("utf8");
}

function statusError(call: BoltCall, response: Response, text: string): BoltError {
  const { status } = response;
  const where = `${call.operation}: Bolt answered ${status}`;
  if (status >= 300 && status < 400) return new BoltResponseError(`${where}, a redirect we do not follow`, status);
  if (RETRYABLE_STATUSES.has(status) || status >= 500) {
    const error = new BoltUnavailableError(where, status);
    error.retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), Date.now());
    return error;
  }
  const body = safeJson(text);
  if (call.errors === "oauth") {
    const parsed = WireOAuthError.safeParse(body);
    // Bolt's spec example spells it "invalid _grant", its sandbox answers 400 and the spec 422: the code decides.
    const code = parsed.data?.error?.replace(/\s+/g, "") || undefined;
    return new BoltOAuthError(
      code ? `${where} ${code}` : `${where} without a readable error`,
      status,
      code,
      parsed.data?.error_description,
    );
  }
  const parsed = WireApiError.safeParse(body);
  const first = parsed.data?.errors?.[0];
  const message = first?.code === undefined ? where : `${where} (code ${first.code})`;
  return new BoltApiError(message, status, first?.code, first?.message);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
