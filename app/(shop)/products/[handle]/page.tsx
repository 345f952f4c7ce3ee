import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ProductDetail } from "@/components/product/product-detail";
import { getProduct, getProducts } from "@/lib/catalog";

// Every product page is built at `next build`; a handle the build did not know is a 404, so no
// page is ever rendered later with inline scripts the build did not hash (README, "Security").
export const dynamicParams = false;
export const revalidate = false;

export async function generateStaticParams() {
  return (await getProducts()).map(({ handle }) => ({ handle }));
}

export async function generateMetadata({ params }: PageProps<"/products/[handle]">): Promise<Metadata> {
  const product = await getProduct((await params).handle);
  if (!product) notFound();
  return { title: product.name, description: product.description };
}

export default async function ProductPage({ params }: PageProps<"/products/[handle]">) {
  const product = await getProduct((await params).handle);
  if (!product) notFound();
  return <ProductDetail product={product} />;
}
