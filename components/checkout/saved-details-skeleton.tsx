import styles from "./skeleton.module.css";

export function SavedDetailsSkeleton() {
  return (
    <div className={styles.skeleton} role="status" aria-live="polite" data-testid="saved-details-loading">
      <span className="visually-hidden">Loading your saved addresses and cards…</span>
      {[0, 1].map((section) => (
        <div key={section} className={styles.block} aria-hidden="true">
          <div className={styles.heading} />
          <div className={styles.line} />
          <div className={styles.line} />
        </div>
      ))}
    </div>
  );
}
