import "server-only";
import { isSpanContextValid, trace } from "@opentelemetry/api";
import pino from "pino";
import { DEFAULT_LOG_LEVEL, LogLevel } from "./level";
import { scrub } from "./scrub";

/** Flat values only, so no object drags a token along. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** A LOG_LEVEL that does not parse falls back to `info`; the start-up check reports it. */
const sink = pino(
  {
    level: LogLevel.safeParse(process.env.LOG_LEVEL).data ?? DEFAULT_LOG_LEVEL,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: traceFields,
  },
  // Synchronous for files and pipes, so nothing is lost when the process exits.
  process.stdout,
);

function traceFields(): Record<string, string> {
  const context = trace.getActiveSpan()?.spanContext();
  if (!context || !isSpanContextValid(context)) return {};
  return { trace_id: context.traceId, span_id: context.spanId };
}

function clean(fields: LogFields | undefined): LogFields {
  if (!fields) return {};
  return Object.fromEntries(
    Object.entries(fields).map(([name, value]) => [name, typeof value === "string" ? scrub(value) : value]),
  );
}

function writer(level: "debug" | "info" | "warn" | "error") {
  return (message: string, fields?: LogFields): void => {
    if (sink.isLevelEnabled(level)) sink[level](clean(fields), scrub(message));
  };
}

export const log = {
  debug: writer("debug"),
  info: writer("info"),
  warn: writer("warn"),
  error: writer("error"),
};

/** Never the cause or stack. */
export function errorFields(error: unknown): LogFields {
  return error instanceof Error ? { error: error.name, detail: error.message } : { error: "unknown error" };
}
