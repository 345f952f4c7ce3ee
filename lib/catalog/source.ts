import "server-only";
import { demoProducts } from "./demo-products";
import type { CatalogSource } from "./types";

/**
 * The catalog backend: the demo's products, held in memory. This is the one module to replace to
 * sell your own products (a commerce API, a database, a CMS); `lib/catalog/index.ts` caches and
 * checks whatever it returns.
 */
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
