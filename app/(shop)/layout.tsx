import type { ReactNode } from "react";
import { PageFrame } from "@/components/layout/page-frame";

/**
 * The catalog: built once at `next build` and served as files, the same for every visitor. Nothing
 * here may read cookies, headers or the environment; the header asks GET /api/bolt/session.
 */
export default function ShopLayout({ children }: { children: ReactNode }) {
  return <PageFrame>{children}</PageFrame>;
}
