import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getEnv } from "@/lib/env";
import { cookieStoreJar } from "@/lib/session/cookie";
import { isSameOriginPost } from "./origin";
import { signInPath } from "./return-path";
import { readMerchantSession, type MerchantSession } from "./session";

// Next's side of the merchant's session: pages ask for it (and go to the sign-in page without it),
// server actions check it again themselves, since an action is a POST anyone can send.

/** Unsealed once per render. */
export const currentMerchant = cache(async () => readMerchantSession(cookieStoreJar(await cookies())));

/** Without one, the sign-in page, which then goes on to `next`. */
export async function requireMerchant(next: string): Promise<MerchantSession> {
  const merchant = await currentMerchant();
  if (!merchant) redirect(signInPath(next));
  return merchant;
}

/** For a desk action: a same-origin POST from a signed-in merchant, or undefined. */
export async function merchantForAction(): Promise<MerchantSession | undefined> {
  if (!isSameOriginPost(await headers(), getEnv().appOrigin)) return undefined;
  return readMerchantSession(cookieStoreJar(await cookies()));
}
