export const site = {
  name: "Larkspur Home",
  description:
    "Larkspur Home is a demo storefront for Bolt one-click checkout: a small line of well-made goods for the kitchen and table.",
  /** Dates shown to shoppers (when an order was placed) are the store's, not the server's, which is often UTC. */
  timeZone: "America/Los_Angeles",
} as const;
