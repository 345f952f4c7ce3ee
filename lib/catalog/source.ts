import "server-only";
import { demoProducts } from "./demo-products";
import type { CatalogSource } from "./types";

/** The demo's products, in memory: the one module to replace to sell your own (index.ts caches and checks it). */
export const catalogSource: CatalogSource = {
  async products() {
    return demoProducts;
  },
  async productByHandle(handle) {
    return demoProducts.find((product) => product.handle === handle);
  },
  async productsByIds(ids) {
    const wanted = new Set(ids);
    return demoProducts.filter((product) => wanted.has(product.id));
  },
};
