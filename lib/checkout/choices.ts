// What the checkout's forms offer. No zod here, so client components import it without the validator.

/** Countries the demo ships to. Bolt accepts any ISO 3166 alpha-2 code; a store lists its own. */
export const SHIPPING_COUNTRIES = { US: "United States", CA: "Canada", GB: "United Kingdom" } as const;

export type ShippingCountry = keyof typeof SHIPPING_COUNTRIES;

/** The card picker's value for "Pay with a new card" (Bolt's ids never look like this). */
export const NEW_CARD = "new-card";
