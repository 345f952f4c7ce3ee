export const DESK_PATH = "/admin";

/** The desk's own pages only: its list, or one order. Anything else, however it is spelt, is the list. */
const DESK_PAGE = /^\/admin(?:\/orders\/[0-9A-HJKMNP-TV-Z]{12})?$/;

/** Where to go after signing in: `next` when it is one of the desk's pages, else the desk's list. */
export function deskReturnPath(next: unknown): string {
  return typeof next === "string" && DESK_PAGE.test(next) ? next : DESK_PATH;
}

export function signInPath(next: string = DESK_PATH): string {
  const back = deskReturnPath(next);
  return back === DESK_PATH ? "/admin/sign-in" : `/admin/sign-in?next=${encodeURIComponent(back)}`;
}
