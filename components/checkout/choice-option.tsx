import type { ReactNode } from "react";
import styles from "./choices.module.css";

export type PickerProps = {
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  /** The radios sit outside the place-order form, next to their own edit buttons. */
  form: string;
};

export function ChoiceGroup({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className={styles.options}>
      <legend className="visually-hidden">{legend}</legend>
      {children}
    </fieldset>
  );
}

type Props = {
  name: string;
  value: string;
  form: string;
  checked: boolean;
  onSelect: () => void;
  disabled?: boolean;
  /** Part of the radio's name ("Default", "Expired"). */
  badge?: { text: string; warning?: boolean };
  actions?: ReactNode;
  "data-testid": string;
  children: ReactNode;
};

/** A radio whose whole card is its label. */
export function ChoiceOption({
  name,
  value,
  form,
  checked,
  onSelect,
  disabled,
  badge,
  actions,
  children,
  ...props
}: Props) {
  return (
    <div {...props} className={styles.option}>
      <label className={styles.choice} data-disabled={disabled || undefined}>
        <input
          type="radio"
          name={name}
          value={value}
          form={form}
          checked={checked}
          disabled={disabled}
          onChange={onSelect}
        />
        {children}
        {badge && (
          <span className={badge.warning ? `${styles.badge} ${styles.badgeWarning}` : styles.badge}>{badge.text}</span>
        )}
      </label>
      {actions}
    </div>
  );
}
