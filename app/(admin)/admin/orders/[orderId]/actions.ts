"use server";

import { refresh } from "next/cache";
import { performDeskAction, SIGNED_OUT, type DeskActionState } from "@/lib/admin/desk-actions";
import { merchantForAction } from "@/lib/admin/merchant";

/** Every button on an order's page: checked for a merchant first, done (or refused) by Bolt, then shown. */
export async function actOnOrder(_previous: DeskActionState, form: FormData): Promise<DeskActionState> {
  if (!(await merchantForAction())) return SIGNED_OUT;
  const state = await performDeskAction(form);
  refresh();
  return state;
}
