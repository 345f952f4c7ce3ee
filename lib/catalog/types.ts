import * as z from "zod";

/** A product's picture: the file, its alt text and its intrinsic size. */
export const ProductImageSchema = z.object({
  src: z.string().min(1),
  alt: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

export const ProductSchema = z.object({
  id: z.string().min(1).max(100),
  /** The product page's URL segment: `/products/<handle>`. */
  handle: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "must be lowercase words joined by hyphens" }),
  name: z.string().min(1),
  /** One line for product cards. */
  summary: z.string(),
  description: z.string(),
  /** USD, in cents. The only price the app ever uses: carts and checkout look it up by id. */
  price: z.number().int().nonnegative(),
  image: ProductImageSchema,
  details: z.array(z.string()).readonly(),
});

export type ProductImageFile = z.infer<typeof ProductImageSchema>;
export type Product = z.infer<typeof ProductSchema>;

/**
 * What a catalog backend provides. Its answers are parsed with the schemas above before the app
 * sees them: a backend is outside input like any other. `lib/catalog/source.ts` is the one
 * implementation the app uses; replace it to sell your own products (README, "Use your own catalog").
 */
export type CatalogSource = {
  /** Every product, in the order the shop lists them. */
  products(): Promise<readonly Product[]>;
  /** The product with this handle, or undefined. */
  productByHandle(handle: string): Promise<Product | undefined>;
  /** The products with these ids that exist, in any order. */
  productsByIds(ids: readonly string[]): Promise<readonly Product[]>;
};
