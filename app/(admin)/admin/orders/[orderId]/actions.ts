"use server";

import { refresh } from "next/cache";
import { performDeskAction, SIGNED_OUT, type DeskActionState } from "@/lib/admin/desk-actions";
import { merchantForAction } from "@/lib/admin/merchant";
import { setResponseHeader } from "@/lib/http/response-header";
import { ServerTiming } from "@/lib/http/server-timing";

/**
 * Every button on an order's page: checked for a merchant first, done (or refused) by Bolt, then shown.
 * The answer says the storefront's own time and its wait on Bolt, apart (Server-Timing), as the checkout's do.
 */
export async function actOnOrder(_previous: DeskActionState, form: FormData): Promise<DeskActionState> {
  const timing = new ServerTiming();
  if (!(await merchantForAction())) return SIGNED_OUT;
  const state = await performDeskAction(form, timing);
  setResponseHeader("Server-Timing", timing.header()["Server-Timing"]);
  refresh();
  return state;
}
