"use server";

import { refresh } from "next/cache";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import * as z from "zod";
import { merchantForAction } from "@/lib/admin/merchant";
import { MAX_PASSWORD_LENGTH } from "@/lib/admin/password";
import { deskReturnPath, signInPath } from "@/lib/admin/return-path";
import { endMerchantSession, readMerchantSession } from "@/lib/admin/session";
import { signInMerchant } from "@/lib/admin/sign-in";
import { getDatabase } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { markUnmatchedHandled } from "@/lib/ledger";
import { isSameOriginPost } from "@/lib/admin/origin";
import { cookieStoreJar } from "@/lib/session/cookie";

// Next's side of the desk's session and inbox; the decisions are in lib/admin.

export type SignInState = { message?: string };

const SignInForm = z.object({ password: z.string().max(MAX_PASSWORD_LENGTH), next: z.string().max(200).optional() });

const REFUSED: Record<string, string> = {
  wrong_password: "That is not the desk's password.",
  not_configured: "The desk has no password set (ADMIN_PASSWORD_HASH), so nobody can sign in.",
  foreign: "Sign in from the desk's own sign-in page.",
};

export async function signInToDesk(_previous: SignInState, form: FormData): Promise<SignInState> {
  const input = SignInForm.safeParse(Object.fromEntries(form));
  if (!input.success || !input.data.password) return { message: "Type the desk's password." };
  const outcome = await signInMerchant(cookieStoreJar(await cookies()), await headers(), input.data.password);
  if (outcome.ok) redirect(deskReturnPath(input.data.next));
  if (outcome.reason === "rate_limited") {
    const minutes = Math.ceil(outcome.retryAfterSeconds / 60);
    return { message: `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.` };
  }
  return { message: REFUSED[outcome.reason] };
}

export async function signOutOfDesk(): Promise<void> {
  if (isSameOriginPost(await headers(), getEnv().appOrigin)) {
    const jar = cookieStoreJar(await cookies());
    await endMerchantSession(jar, await readMerchantSession(jar));
  }
  redirect(signInPath());
}

const Handled = z.object({ eventId: z.coerce.number().int().positive() });

export async function markHandled(form: FormData): Promise<void> {
  if (!(await merchantForAction())) redirect(signInPath());
  const input = Handled.safeParse(Object.fromEntries(form));
  if (input.success) await markUnmatchedHandled(await getDatabase(), input.data.eventId);
  refresh();
}
