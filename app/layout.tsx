// First, so every component's CSS module comes after it and wins ties with the global classes.
import "./globals.css";
import type { Metadata, Viewport } from "next";
import { Suspense, type ReactNode } from "react";
import { HeaderAccount } from "@/components/account/header-account";
import { SignedOutNotice } from "@/components/account/signed-out-notice";
import { Footer } from "@/components/layout/footer";
import { Header } from "@/components/layout/header";
import { SkipLink } from "@/components/layout/skip-link";
import { site } from "@/lib/site";

export const metadata: Metadata = {
  title: { template: `%s · ${site.name}`, default: `${site.name} · Bolt one-click checkout demo` },
  description: site.description,
};

export const viewport: Viewport = {
  themeColor: "#f7f4ef",
  colorScheme: "light",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SkipLink />
        <Header
          account={
            <Suspense>
              <HeaderAccount />
            </Suspense>
          }
        />
        <SignedOutNotice />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <Footer />
      </body>
    </html>
  );
}
