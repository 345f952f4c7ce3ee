import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ProductDetail } from "@/components/product/product-detail";
import { getProduct, products } from "@/lib/catalog";

type Props = { params: Promise<{ handle: string }> };

export function generateStaticParams() {
  return products.map(({ handle }) => ({ handle }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = getProduct((await params).handle);
  if (!product) notFound();
  return { title: product.name, description: product.description };
}

export default async function ProductPage({ params }: Props) {
  const product = getProduct((await params).handle);
  if (!product) notFound();
  return <ProductDetail product={product} />;
}
