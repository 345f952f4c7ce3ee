import type { ReactNode } from "react";
import { SignedOutNotice } from "@/components/account/signed-out-notice";
import { Header } from "./header";

/** The header, the signed-out notice and the page's `<main>`: every page has them. */
export function PageFrame({ children }: { children: ReactNode }) {
  return (
    <>
      <Header />
      <SignedOutNotice />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
