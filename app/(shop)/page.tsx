import { Hero } from "@/components/layout/hero";
import { ProductGrid } from "@/components/product/product-grid";
import { getProducts } from "@/lib/catalog";

// Built once; a catalog change is published by the next build (README, "When the catalog changes").
export const revalidate = false;

export default async function HomePage() {
  const products = await getProducts();
  return (
    <>
      <Hero featured={products.slice(0, 3)} />
      <ProductGrid id="collection" title="The collection" products={products} />
    </>
  );
}
