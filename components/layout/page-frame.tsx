import type { ReactNode } from "react";
import { SignedOutNotice } from "@/components/account/signed-out-notice";
import { Header } from "./header";

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
