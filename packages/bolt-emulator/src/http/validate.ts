import * as z from "zod";
import { invalidInput } from "./errors";

/** One line per problem, `path: message`, so a 422 tells the caller exactly which field is wrong. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "body"}: ${issue.message}`)
    .join("; ");
}

/** Parses a value with a schema, turning a failure into the error `toError` builds (a 422 by default). */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  toError: (message: string) => Error = invalidInput,
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw toError(describeIssues(result.error));
  return result.data;
}

/** A JSON request body, checked against a schema; malformed JSON is a 422 like any other bad input. */
export function parseJsonBody<S extends z.ZodType>(
  schema: S,
  body: Buffer,
  toError: (message: string) => Error = invalidInput,
): z.output<S> {
  let value: unknown;
  try {
    value = body.length ? JSON.parse(body.toString("utf8")) : undefined;
  } catch {
    throw toError("body: malformed JSON");
  }
  return parseWith(schema, value, toError);
}

/** The query string as a plain object (first value of each name), ready for a zod schema. */
export function queryObject(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of query) if (!(key in out)) out[key] = value;
  return out;
}
