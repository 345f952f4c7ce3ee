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

/** Reads nothing per request: the groups' layouts add the header, static in (shop), per shopper elsewhere. */
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
