import "server-only";
import { logSecurityEvent } from "@/lib/log/security-events";

/** Next lets a server action without `Origin` through; here a missing or `null` one is refused too. */
export function isSameOriginPost(headers: Pick<Headers, "get">, appOrigin: string | undefined): boolean {
  const reason = foreignReason(headers, appOrigin);
  if (reason) logSecurityEvent({ event: "origin_refused", reason, method: "POST" });
  return reason === undefined;
}

function foreignReason(headers: Pick<Headers, "get">, appOrigin: string | undefined): string | undefined {
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin") return "cross_site";
  const origin = headers.get("origin");
  if (!origin || origin === "null") return "origin_missing";
  if (appOrigin) return origin === appOrigin ? undefined : "origin_mismatch";
  try {
    return new URL(origin).host === headers.get("host") ? undefined : "origin_mismatch";
  } catch {
    return "origin_mismatch";
  }
}
