import Form from "next/form";
import { ORDER_STATUSES, type OrderStatus } from "@/lib/ledger/status";
import { STATUS_LABELS } from "./desk-words";
import styles from "./desk.module.css";

/** A GET form: the filters live in the address, so a filtered list can be bookmarked or shared. */
export function OrderFilters({ status, search }: { status?: OrderStatus; search?: string }) {
  return (
    <Form action="/admin" role="search" aria-label="Orders" className={styles.filters}>
      <div className={styles.field}>
        <label htmlFor="desk-status">Status</label>
        <select id="desk-status" name="status" defaultValue={status ?? ""}>
          <option value="">Any status</option>
          {ORDER_STATUSES.map((value) => (
            <option key={value} value={value}>
              {STATUS_LABELS[value]}
            </option>
          ))}
        </select>
      </div>
      <div className={`${styles.field} ${styles.grow}`}>
        <label htmlFor="desk-search">Email or order number</label>
        <input
          id="desk-search"
          name="q"
          type="search"
          defaultValue={search ?? ""}
          maxLength={254}
          autoComplete="off"
          spellCheck={false}
          aria-describedby="desk-search-hint"
        />
        <span id="desk-search-hint" className={styles.hint}>
          The start of an email finds every address that starts so.
        </span>
      </div>
      <button type="submit" className="button">
        Show orders
      </button>
    </Form>
  );
}
