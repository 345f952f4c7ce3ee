import Image from "next/image";
import type { Product } from "@/lib/catalog";

type Props = {
  product: Product;
  sizes: string;
  /** For images next to the product's name, where alt text would only repeat it. */
  decorative?: boolean;
  preload?: boolean;
  className?: string;
};

export function ProductImage({ product, sizes, decorative = false, preload, className }: Props) {
  const { src, alt, width, height } = product.image;
  return (
    <Image
      src={src}
      alt={decorative ? "" : alt}
      width={width}
      height={height}
      sizes={sizes}
      preload={preload}
      className={className}
    />
  );
}
