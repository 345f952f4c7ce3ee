import { cookies } from "next/headers";
import type { NextRequest } from "next/server";
import { answer } from "@/lib/auth/request-checks";
import { signIn } from "@/lib/auth/sign-in";
import { signOut } from "@/lib/auth/sign-out";
import { jsonError } from "@/lib/http/json";
import { cookieStoreJar } from "@/lib/session/cookie";
import { keepPageSession } from "@/lib/session/upkeep";
import { getShopperSummary } from "@/lib/shopper/summary";

const jar = async () => cookieStoreJar(await cookies());

/**
 * Who is here, for the static pages' header. A static page sets no cookie, so this does the session
 * upkeep the proxy does before a page rendered per request. Per shopper: never stored by a cache.
 */
export const GET = (request: NextRequest) =>
  answer(async () => {
    await keepPageSession(await jar(), request);
    return Response.json(await getShopperSummary(), {
      headers: { "Cache-Control": "private, no-store", Vary: "Cookie" },
    });
  });

/** Sign in with the login modal's code. */
export const POST = (request: Request) => answer(async () => signIn(request, await jar()));

/** Sign out. */
export const DELETE = (request: Request) => answer(async () => signOut(request, await jar()));

// Listed so that they answer our JSON 405 instead of Next's defaults (Next answers OPTIONS itself).
const methodNotAllowed = () =>
  jsonError(405, "method_not_allowed", "Use GET to see who is signed in, POST to sign in or DELETE to sign out.", {
    Allow: "GET, POST, DELETE",
  });
export const HEAD = methodNotAllowed;
export const PUT = methodNotAllowed;
export const PATCH = methodNotAllowed;
export const OPTIONS = methodNotAllowed;
