import "server-only";
import { CspManifestError, getStaticPages } from "@/lib/http/csp-manifest";
import { exitOn } from "./exit-on";

/**
 * Stops a production server whose build lacks the static pages' script hashes (built with
 * `next build` alone), rather than serving pages whose scripts the browser would refuse.
 */
export function exitOnMissingCspManifest(): void {
  exitOn(CspManifestError, getStaticPages);
}
