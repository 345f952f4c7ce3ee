import { getSessionView } from "@/lib/auth";
import { getPublicBoltConfig } from "@/lib/env";
import { AccountMenu } from "./account-menu";
import { SignInPopover } from "./sign-in-popover";

/** The header's account area, server-rendered from the session DTO (no tokens reach the browser). */
export async function HeaderAccount() {
  const session = await getSessionView();
  if (session.signedIn) return <AccountMenu displayName={session.firstName || session.email} email={session.email} />;
  return <SignInPopover config={getPublicBoltConfig()} />;
}
