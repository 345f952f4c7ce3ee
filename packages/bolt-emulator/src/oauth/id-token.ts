import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import { randomBytes } from "node:crypto";
import type { Shopper } from "../store/shoppers";

export type IdTokenSigner = {
  jwks: { keys: JWK[] };
  sign(claims: IdTokenInput): Promise<string>;
};

export type IdTokenInput = {
  issuer: string;
  audience: string[];
  ttlSeconds: number;
  shopper: Shopper;
};

/** A fresh RSA-2048 key per start-up: tokens from a previous run stop verifying, as after a key rotation. */
export async function createIdTokenSigner(): Promise<IdTokenSigner> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const kid = randomBytes(12).toString("base64url");
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  return {
    jwks: { keys: [jwk] },
    sign: ({ issuer, audience, ttlSeconds, shopper }) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({
        email: shopper.email,
        email_verified: shopper.emailState === "verified",
        first_name: shopper.firstName,
        last_name: shopper.lastName,
        phone_number: shopper.phone,
        phone_number_verified: shopper.phoneState === "verified",
      })
        .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
        .setIssuer(issuer)
        .setSubject(shopper.id)
        .setAudience(audience)
        .setIssuedAt(now)
        .setExpirationTime(now + ttlSeconds)
        .sign(privateKey);
    },
  };
}
