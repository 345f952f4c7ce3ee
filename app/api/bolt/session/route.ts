import { answer, methodNotAllowed } from "@/lib/auth/session-route";
import { signIn } from "@/lib/auth/sign-in";
import { signOut } from "@/lib/auth/sign-out";
import { shopperSummaryResponse } from "@/lib/shopper/summary";
import type { NextRequest } from "next/server";

// Who is here (for the static pages' header), sign in with the login modal's code, and sign out.
// Thin on purpose: the logic is in lib/.
export const GET = (request: NextRequest) => answer(() => shopperSummaryResponse(request));
export const POST = (request: Request) => answer(() => signIn(request));
export const DELETE = (request: Request) => answer(() => signOut(request));

// Listed so that they answer our JSON 405 instead of Next's defaults (Next answers OPTIONS itself).
export const HEAD = methodNotAllowed;
export const PUT = methodNotAllowed;
export const PATCH = methodNotAllowed;
export const OPTIONS = methodNotAllowed;
