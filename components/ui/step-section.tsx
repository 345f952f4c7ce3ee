import { useId, type ComponentPropsWithRef, type ReactNode } from "react";
import styles from "./step-section.module.css";

type Props = Omit<ComponentPropsWithRef<"section">, "title" | "aria-labelledby"> & {
  title: ReactNode;
  /** The step's place in the checkout, shown as a badge; screen readers get the heading text alone. */
  number?: number;
};

/** A checkout step: a card whose heading names it for assistive tech (a `region` landmark). */
export function StepSection({ title, number, className, children, ...props }: Props) {
  const headingId = useId();
  return (
    <section {...props} className={`${styles.step} ${className ?? ""}`} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        {number === undefined ? null : (
          <span className={styles.number} aria-hidden="true">
            {number}
          </span>
        )}
        {title}
      </h2>
      {children}
    </section>
  );
}
