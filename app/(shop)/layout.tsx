import type { ReactNode } from "react";
import { PageFrame } from "@/components/layout/page-frame";

/** Built once and the same for everyone: nothing here may read cookies, headers or the environment. */
export default function ShopLayout({ children }: { children: ReactNode }) {
  return <PageFrame>{children}</PageFrame>;
}
