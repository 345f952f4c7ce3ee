import "server-only";
import { createRemoteJWKSet, errors as jose, jwtVerify, type JWTVerifyGetKey } from "jose";
import * as z from "zod";
import { getEnv } from "@/lib/env";
import { BoltError, BoltIdTokenError, BoltResponseError, BoltTimeoutError, BoltUnavailableError } from "./errors";
import { callBolt, parseBoltBody } from "./http";
import type { IdTokenClaims } from "./types";

const DISCOVERY_TTL_MS = 60 * 60 * 1000;
/** A greeting needs no more, and the cookie stays small. */
const MAX_FIRST_NAME = 64;

const Discovery = z.object({ issuer: z.string().min(1), jwks_uri: z.url({ protocol: /^https?$/ }) });

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

type Verifier = { issuer: string; keys: JWTVerifyGetKey; fetchedAt: number };

let verifier: Verifier | undefined;

/** Cached for an hour; jose refetches the key set itself when a token names an unknown `kid`. */
async function getVerifier(): Promise<Verifier> {
  if (verifier && Date.now() - verifier.fetchedAt < DISCOVERY_TTL_MS) return verifier;
  const env = getEnv();
  const operation = "openidConfiguration";
  const body = await callBolt({ operation, method: "GET", path: "/.well-known/openid-configuration", errors: "api" });
  const discovery = parseBoltBody(Discovery, body, operation);
  const jwksUrl = new URL(discovery.jwks_uri);
  // Keys come from the API host we already trust, never from wherever a document points.
  if (jwksUrl.origin !== env.boltApiUrl)
    throw new BoltResponseError(`${operation}: jwks_uri is not on ${env.boltApiUrl}`, 200);
  const keys = createRemoteJWKSet(jwksUrl, {
    timeoutDuration: env.boltTimeoutMs,
    cooldownDuration: 30_000,
    cacheMaxAge: 10 * 60_000,
  });
  verifier = { issuer: discovery.issuer, keys, fetchedAt: Date.now() };
  return verifier;
}

/** As Bolt's Salesforce cartridge does: RS256, Bolt's JWKS, the discovery issuer, `aud` from the publishable key. */
export async function verifyIdToken(idToken: string): Promise<IdTokenClaims> {
  const { issuer, keys } = await getVerifier();
  const audience = getEnv().publishableKey.split(".").at(-1) ?? "";
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(idToken, keys, {
      algorithms: ["RS256"],
      issuer,
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
