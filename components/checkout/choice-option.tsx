import type { ReactNode } from "react";
import styles from "./choices.module.css";

/** What the address and card pickers share: the chosen id, and the form the choice is submitted with. */
export type PickerProps = {
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  /** The place-order form's id: the radios sit outside it, next to their own edit buttons. */
  form: string;
};

/** A picker's radios, under a legend that screen readers announce with the group. */
export function ChoiceGroup({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className={styles.options}>
      <legend className="visually-hidden">{legend}</legend>
      {children}
    </fieldset>
  );
}

type Props = {
  /** The radio group's field name, submitted with the form named by `form`. */
  name: string;
  value: string;
  form: string;
  checked: boolean;
  onSelect: () => void;
  disabled?: boolean;
  /** A short tag after the text, part of the radio's name ("Default", "Expired"). */
  badge?: { text: string; warning?: boolean };
  /** Controls for this option, outside its label. */
  actions?: ReactNode;
  "data-testid": string;
  /** The option's text, which names the radio. */
  children: ReactNode;
};

/** One saved address or card in a picker: a radio whose whole card is its label. */
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
