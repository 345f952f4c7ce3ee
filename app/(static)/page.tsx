import { Hero } from "@/components/layout/hero";
import { ProductGrid } from "@/components/product/product-grid";
import { products } from "@/lib/catalog";

export default function HomePage() {
  return (
    <>
      <Hero featured={products.slice(0, 3)} />
      <ProductGrid id="collection" title="The collection" products={products} />
    </>
  );
}
