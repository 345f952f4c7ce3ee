import type { AddressErrors, AddressField } from "@/lib/checkout/address-input";
import { SHIPPING_COUNTRIES } from "@/lib/checkout/choices";
import styles from "./address-fields.module.css";

type Values = Partial<Record<AddressField, string>>;

type FieldSpec = {
  name: AddressField;
  label: string;
  autoComplete: string;
  optional?: boolean;
  wide?: boolean;
  inputMode?: "tel" | "text";
};

const FIELDS: FieldSpec[] = [
  { name: "firstName", label: "First name", autoComplete: "given-name" },
  { name: "lastName", label: "Last name", autoComplete: "family-name" },
  { name: "street1", label: "Street address", autoComplete: "address-line1", wide: true },
  { name: "street2", label: "Apartment, suite, etc.", autoComplete: "address-line2", optional: true, wide: true },
  { name: "locality", label: "City", autoComplete: "address-level2" },
  { name: "region", label: "State / province / county", autoComplete: "address-level1" },
  { name: "postalCode", label: "Postal code", autoComplete: "postal-code" },
  { name: "phone", label: "Phone", autoComplete: "tel", optional: true, inputMode: "tel" },
];

/** The fields of a shipping address, with each error tied to its input for screen readers. */
export function AddressFields({
  idPrefix,
  errors = {},
  values = {},
}: {
  idPrefix: string;
  errors?: AddressErrors;
  values?: Values;
}) {
  const id = (name: string) => `${idPrefix}-${name}`;
  const errorId = (name: string) => `${idPrefix}-${name}-error`;
  return (
    <div className={styles.grid}>
      {FIELDS.map((field) => (
        <div key={field.name} className={field.wide ? styles.wide : undefined}>
          <label htmlFor={id(field.name)} className={styles.label}>
            {field.label}
            {field.optional && <span className={styles.optional}> (optional)</span>}
          </label>
          <input
            id={id(field.name)}
            name={field.name}
            className={styles.input}
            autoComplete={`shipping ${field.autoComplete}`}
            inputMode={field.inputMode}
            type={field.name === "phone" ? "tel" : "text"}
            required={!field.optional}
            defaultValue={values[field.name]}
            aria-invalid={errors[field.name] ? true : undefined}
            aria-describedby={errors[field.name] ? errorId(field.name) : undefined}
          />
          {errors[field.name] && (
            <p id={errorId(field.name)} className={styles.error}>
              {errors[field.name]}
            </p>
          )}
        </div>
      ))}
      <div>
        <label htmlFor={id("countryCode")} className={styles.label}>
          Country
        </label>
        <select
          id={id("countryCode")}
          name="countryCode"
          className={styles.input}
          autoComplete="shipping country"
          defaultValue={values.countryCode ?? "US"}
          aria-invalid={errors.countryCode ? true : undefined}
          aria-describedby={errors.countryCode ? errorId("countryCode") : undefined}
        >
          {Object.entries(SHIPPING_COUNTRIES).map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
        {errors.countryCode && (
          <p id={errorId("countryCode")} className={styles.error}>
            {errors.countryCode}
          </p>
        )}
      </div>
    </div>
  );
}
