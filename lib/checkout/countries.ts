// Countries the demo ships to. Bolt accepts any ISO 3166 alpha-2 code; a store lists its own.
// A module of its own, without zod, so client components can import it without shipping the validator.
export const SHIPPING_COUNTRIES = { US: "United States", CA: "Canada", GB: "United Kingdom" } as const;

export type ShippingCountry = keyof typeof SHIPPING_COUNTRIES;
