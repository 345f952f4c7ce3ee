import Link from "next/link";
import type { ReactNode } from "react";
import { signOutOfDesk } from "@/app/(admin)/admin/actions";
import { PendingButton } from "@/components/ui/pending-button";
import styles from "./desk.module.css";

type Props = {
  title: string;
  /** Shown under the title: the order's status, say. */
  children?: ReactNode;
  /** A link back to the list, on an order's page. */
  back?: boolean;
};

export function DeskHeading({ title, children, back = false }: Props) {
  return (
    <div className={styles.heading}>
      <div className={styles.headingText}>
        {back && (
          <Link href="/admin" className={styles.backLink}>
            All orders
          </Link>
        )}
        <h1 className={styles.title}>{title}</h1>
        {children}
      </div>
      <form action={signOutOfDesk}>
        <PendingButton className="button button-secondary" pendingLabel="Signing out…">
          Sign out
        </PendingButton>
      </form>
    </div>
  );
}
