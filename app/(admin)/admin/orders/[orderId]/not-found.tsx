import Link from "next/link";
import styles from "@/components/admin/desk.module.css";

export default function DeskOrderNotFound() {
  return (
    <div className={styles.notice}>
      <h1 className={styles.title}>No such order</h1>
      <p>The ledger has no order with this number. Search for it by the shopper&apos;s email instead.</p>
      <Link href="/admin" className="button">
        All orders
      </Link>
    </div>
  );
}
