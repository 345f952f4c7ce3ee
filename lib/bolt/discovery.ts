import "server-only";
import * as z from "zod";
import { getEnv } from "@/lib/env";
import { BoltResponseError } from "./errors";
import { callBolt, parseBoltBody } from "./http";
import { mayServeSigningKeys } from "./issuers";
import { log } from "@/lib/log/logger";

/** Bolt's v1 token endpoint: what the spec documents, and where a store without discovery goes. */
export const V1_TOKEN_PATH = "/v1/oauth/token";

const DISCOVERY_TTL_MS = 60 * 60 * 1000;

const HttpUrl = z.url({ protocol: /^https?$/ });

const Discovery = z.object({ issuer: z.string().min(1), jwks_uri: HttpUrl, token_endpoint: HttpUrl.optional() });

export type BoltDiscovery = {
  issuer: string;
  jwksUri: URL;
  /** On BOLT_API_URL: the client secret goes nowhere else. Real Bolt says `/v3/oauth/token`. */
  tokenPath: `/${string}`;
  fetchedAt: number;
};

let cached: BoltDiscovery | undefined;
let pending: Promise<BoltDiscovery> | undefined;

/** `/.well-known/openid-configuration`, read once an hour, one request at a time. */
export async function getDiscovery(): Promise<BoltDiscovery> {
  if (cached && Date.now() - cached.fetchedAt < DISCOVERY_TTL_MS) return cached;
  pending ??= readDiscovery().finally(() => {
    pending = undefined;
  });
  cached = await pending;
  return cached;
}

async function readDiscovery(): Promise<BoltDiscovery> {
  const env = getEnv();
  const operation = "openidConfiguration";
  const body = await callBolt({ operation, method: "GET", path: "/.well-known/openid-configuration", errors: "api" });
  const discovery = parseBoltBody(Discovery, body, operation);
  if (!mayServeSigningKeys(discovery.jwks_uri, env.boltApiUrl)) {
    throw new BoltResponseError(`${operation}: jwks_uri is neither on ${env.boltApiUrl} nor on a Bolt host`, 200);
  }
  return {
    issuer: discovery.issuer,
    jwksUri: new URL(discovery.jwks_uri),
    tokenPath: tokenPathOf(discovery.token_endpoint, env.boltApiUrl),
    fetchedAt: Date.now(),
  };
}

function tokenPathOf(endpoint: string | undefined, apiOrigin: string): `/${string}` {
  if (!endpoint) return V1_TOKEN_PATH;
  const url = new URL(endpoint);
  if (url.origin === apiOrigin && !url.search) return url.pathname as `/${string}`;
  log.warn("bolt: discovery's token_endpoint is not on the API origin; using the v1 token path there", {
    apiOrigin,
    tokenPath: V1_TOKEN_PATH,
  });
  return V1_TOKEN_PATH;
}
