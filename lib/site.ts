export const site = {
  name: "Larkspur Home",
  description:
    "Larkspur Home is a demo storefront for Bolt one-click checkout: a small line of well-made goods for the kitchen and table.",
} as const;
