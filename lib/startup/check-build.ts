import "server-only";
import { CspManifestError, getStaticPages } from "@/lib/http/csp-manifest";

/**
 * Stops a production server whose build lacks the static pages' script hashes (built with
 * `next build` alone), rather than serving pages whose scripts the browser would refuse.
 */
export function exitOnMissingCspManifest(): void {
  try {
    getStaticPages();
  } catch (error) {
    if (!(error instanceof CspManifestError)) throw error;
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
}
