import { isBoltOrigin } from "./hosts";

/**
 * The `iss` Bolt's id_tokens were seen carrying besides the discovery document's `issuer`: Bolt's
 * Magento 2 plugin (Helper/SSOHelper.php, PRs #1373 and #1973) and Salesforce cartridge
 * (scripts/util/jwtUtils.js) accept each of these, and the API's own base URL.
 */
export const KNOWN_ISSUERS = [
  "https://bolt.com",
  "https://api.bolt.com",
  "https://boltapp.com",
  "https://api.boltapp.com",
] as const;

/** Each spelled with and without a trailing slash. */
export function acceptedIssuers(
  discoveryIssuer: string,
  env: { boltApiUrl: string; extraIssuers: string[] },
): string[] {
  const issuers = [discoveryIssuer, ...KNOWN_ISSUERS, env.boltApiUrl, ...env.extraIssuers];
  return [...new Set(issuers.flatMap((issuer) => [issuer.replace(/\/+$/, ""), `${issuer.replace(/\/+$/, "")}/`]))];
}

/** Never from wherever a discovery document points: only the API origin or a Bolt host over https. */
export function mayServeSigningKeys(jwksUri: string, apiOrigin: string): boolean {
  try {
    const { origin } = new URL(jwksUri);
    return origin === apiOrigin || isBoltOrigin(origin);
  } catch {
    return false;
  }
}
