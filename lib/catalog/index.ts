import "server-only";
import { catalogSource } from "./source";
import { ProductSchema, type Product } from "./types";

// Answers are kept for the life of the process: static pages are built once at `next build` (a page
// rebuilt later would carry scripts the build's policy doesn't list), so carts are priced as pages show.
export type { CatalogSource, Product, ProductImageFile } from "./types";

export class CatalogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CatalogError";
  }
}

/** Only products the source answered with, so a shopper's made-up ids or handles can't grow them. */
const byId = new Map<string, Product>();
const byHandle = new Map<string, Product>();
let listing: Promise<Product[]> | undefined;

function keep(value: unknown, call: string): Product {
  const result = ProductSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new CatalogError(
      `catalogSource.${call} returned an invalid product: ${issue?.path.join(".")} ${issue?.message}`,
    );
  }
  byId.set(result.data.id, result.data);
  byHandle.set(result.data.handle, result.data);
  return result.data;
}

export function getProducts(): Promise<Product[]> {
  listing ??= catalogSource
    .products()
    .then((products) => products.map((product) => keep(product, "products()")))
    .catch((error: unknown) => {
      listing = undefined; // a backend that failed is asked again next time
      throw error;
    });
  return listing;
}

export async function getProduct(handle: string): Promise<Product | undefined> {
  const kept = byHandle.get(handle);
  if (kept) return kept;
  const product = await catalogSource.productByHandle(handle);
  return product === undefined ? undefined : keep(product, "productByHandle()");
}

/** Unknown ids are left out. */
export async function getProductsByIds(ids: readonly string[]): Promise<Product[]> {
  const wanted = [...new Set(ids)];
  const missing = wanted.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    for (const product of await catalogSource.productsByIds(missing)) keep(product, "productsByIds()");
  }
  return wanted.flatMap((id) => byId.get(id) ?? []);
}
