import * as z from "zod";

/** `LOG_LEVEL`: the least severe line written. `silent` writes none. */
export const LogLevel = z.enum(["debug", "info", "warn", "error", "silent"], {
  error: "must be one of debug, info (the default), warn, error or silent",
});

export type LogLevel = z.infer<typeof LogLevel>;

export const DEFAULT_LOG_LEVEL: LogLevel = "info";
