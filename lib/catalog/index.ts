import "server-only";
import { cacheLife } from "next/cache";
import { catalogSource } from "./source";
import { ProductSchema, type Product } from "./types";

// The catalog boundary: everything reads products through these three functions, cached by Next.
export type { CatalogSource, Product, ProductImageFile } from "./types";

/** For the life of the build: a page rebuilt later would carry inline scripts the build's policy doesn't list. */
const FOR_THE_BUILD = { revalidate: Infinity, expire: Infinity };

export class CatalogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CatalogError";
  }
}

function parseProduct(value: unknown, call: string): Product {
  const result = ProductSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new CatalogError(
    `catalogSource.${call} returned an invalid product: ${issue?.path.join(".")} ${issue?.message}`,
  );
}

export async function getProducts(): Promise<Product[]> {
  "use cache";
  cacheLife(FOR_THE_BUILD);
  return (await catalogSource.products()).map((product) => parseProduct(product, "products()"));
}

export async function getProduct(handle: string): Promise<Product | undefined> {
  "use cache";
  cacheLife(FOR_THE_BUILD);
  const product = await catalogSource.productByHandle(handle);
  return product === undefined ? undefined : parseProduct(product, "productByHandle()");
}

/** In the order of `ids`; unknown ids are left out. */
export async function getProductsByIds(ids: readonly string[]): Promise<Product[]> {
  // One cache entry per set of ids, however a cart happens to order them.
  const found = await productsByIds([...new Set(ids)].sort());
  const byId = new Map(found.map((product) => [product.id, product]));
  return [...new Set(ids)].flatMap((id) => byId.get(id) ?? []);
}

async function productsByIds(ids: string[]): Promise<Product[]> {
  "use cache";
  cacheLife(FOR_THE_BUILD);
  if (ids.length === 0) return [];
  return (await catalogSource.productsByIds(ids)).map((product) => parseProduct(product, "productsByIds()"));
}
