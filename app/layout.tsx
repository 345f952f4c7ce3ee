// First, so every component's CSS module comes after it and wins ties with the global classes.
import "./globals.css";
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { Footer } from "@/components/layout/footer";
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

/**
 * Shared by every page, so it reads nothing per request. The header lives in the groups' layouts:
 * `(shop)` pages are built once and fill it in the browser; `(checkout)` and `(account)` render it
 * on the server with the shopper's own data.
 */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SkipLink />
        {children}
        <Footer />
      </body>
    </html>
  );
}
