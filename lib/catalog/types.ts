import * as z from "zod";

export const ProductImageSchema = z.object({
  src: z.string().min(1),
  alt: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

export const ProductSchema = z.object({
  id: z.string().min(1).max(100),
  handle: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "must be lowercase words joined by hyphens" }),
  name: z.string().min(1),
  summary: z.string(),
  description: z.string(),
  /** USD cents. The only price the app uses: carts and checkout look it up by id. */
  price: z.number().int().nonnegative(),
  image: ProductImageSchema,
  details: z.array(z.string()).readonly(),
});

export type ProductImageFile = z.infer<typeof ProductImageSchema>;
export type Product = z.infer<typeof ProductSchema>;

/** Answers are parsed before the app sees them. Replace `source.ts` to sell your own products. */
export type CatalogSource = {
  products(): Promise<readonly Product[]>;
  productByHandle(handle: string): Promise<Product | undefined>;
  productsByIds(ids: readonly string[]): Promise<readonly Product[]>;
};
