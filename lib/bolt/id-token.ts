import "server-only";
import { createRemoteJWKSet, errors as jose, jwtVerify, type JWTVerifyGetKey } from "jose";
import * as z from "zod";
import { getEnv } from "@/lib/env";
import { getDiscovery } from "./discovery";
import { BoltError, BoltIdTokenError, BoltTimeoutError, BoltUnavailableError } from "./errors";
import { acceptedIssuers } from "./issuers";
import type { IdTokenClaims } from "./types";

/** A greeting needs no more, and the cookie stays small. */
const MAX_FIRST_NAME = 64;

const Claims = z.object({
  sub: z.string().min(1).max(256),
  email: z
    .string()
    .max(254)
    .regex(/^[^\s@]+@[^\s@]+$/),
  first_name: z
    .string()
    .nullish()
    .transform(
      (name) =>
        Array.from(name?.trim() ?? "")
          .slice(0, MAX_FIRST_NAME)
          .join("") || undefined,
    ),
});

type Verifier = { issuers: string[]; keys: JWTVerifyGetKey; fetchedAt: number };

let verifier: Verifier | undefined;

/** Renewed with discovery (hourly); jose refetches the key set itself when a token names an unknown `kid`. */
async function getVerifier(): Promise<Verifier> {
  const discovery = await getDiscovery();
  if (verifier?.fetchedAt === discovery.fetchedAt) return verifier;
  const env = getEnv();
  const keys = createRemoteJWKSet(discovery.jwksUri, {
    timeoutDuration: env.boltTimeoutMs,
    cooldownDuration: 30_000,
    cacheMaxAge: 10 * 60_000,
  });
  verifier = { issuers: acceptedIssuers(discovery.issuer, env), keys, fetchedAt: discovery.fetchedAt };
  return verifier;
}

/** As Bolt's Salesforce cartridge does; any of Bolt's issuers, as real Bolt signs `https://bolt.com`. */
export async function verifyIdToken(idToken: string): Promise<IdTokenClaims> {
  const { issuers, keys } = await getVerifier();
  const audience = getEnv().publishableKey.split(".").at(-1) ?? "";
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(idToken, keys, {
      algorithms: ["RS256"],
      issuer: issuers,
      audience,
      requiredClaims: ["sub", "exp"],
      clockTolerance: 30,
    }));
  } catch (error) {
    throw verificationError(error);
  }
  const claims = Claims.safeParse(payload);
  if (!claims.success) throw new BoltIdTokenError("verifyIdToken: the id_token lacks a usable sub or email", 200);
  return { sub: claims.data.sub, email: claims.data.email, firstName: claims.data.first_name };
}

function verificationError(error: unknown): BoltError {
  if (error instanceof jose.JWKSTimeout)
    return new BoltTimeoutError("verifyIdToken: Bolt's JWKS did not answer in time", 0);
  if (error instanceof jose.JOSEError) return new BoltIdTokenError(`verifyIdToken: ${error.code}`, 200);
  return new BoltUnavailableError("verifyIdToken: Bolt's JWKS could not be fetched", 0);
}
