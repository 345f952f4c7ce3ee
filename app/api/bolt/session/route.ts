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

/** The static pages' header: a static page sets no cookie, so this does the proxy's session upkeep. */
export const GET = (request: NextRequest) =>
  answer(async () => {
    await keepPageSession(await jar(), request);
    return Response.json(await getShopperSummary(), {
      headers: { "Cache-Control": "private, no-store", Vary: "Cookie" },
    });
  });

export const POST = (request: Request) => answer(async () => signIn(request, await jar()));

export const DELETE = (request: Request) => answer(async () => signOut(request, await jar()));

// So they answer our JSON 405 instead of Next's defaults.
const methodNotAllowed = () =>
  jsonError(405, "method_not_allowed", "Use GET to see who is signed in, POST to sign in or DELETE to sign out.", {
    Allow: "GET, POST, DELETE",
  });
export const HEAD = methodNotAllowed;
export const PUT = methodNotAllowed;
export const PATCH = methodNotAllowed;
export const OPTIONS = methodNotAllowed;
