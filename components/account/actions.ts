"use server";

import { endRefusedSession } from "@/lib/auth";

/** Clears a session whose token Bolt refused while a page rendered: a render cannot write cookies. */
export async function signOutRefusedSession(): Promise<void> {
  await endRefusedSession();
}
