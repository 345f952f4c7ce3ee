import "server-only";
import { jsonError } from "@/lib/http/json";
import { RequestRejected } from "./request-checks";

/**
 * Runs a handler of `/api/bolt/session` so that every answer is JSON `{ error, message }` and never
 * a 500: refused requests get their status, and anything unexpected a 502 without details.
 */
export async function answer(handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    if (error instanceof RequestRejected) return jsonError(error.status, error.code, error.message);
    console.error(
      `[api/bolt/session] unexpected ${error instanceof Error ? `${error.name}: ${error.message}` : "throw"}`,
    );
    return jsonError(502, "unexpected_error", "Something went wrong on our side. Please try again.");
  }
}

export function methodNotAllowed(): Response {
  return jsonError(
    405,
    "method_not_allowed",
    "Use GET to see who is signed in, POST to sign in or DELETE to sign out.",
    {
      Allow: "GET, POST, DELETE",
    },
  );
}
