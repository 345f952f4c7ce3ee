import Link from "next/link";
import type { Product } from "@/lib/catalog";
import { formatMoney } from "@/lib/money";
import { ProductImage } from "./product-image";
import styles from "./product-card.module.css";

export function ProductCard({ product }: { product: Product }) {
  return (
    <article className={styles.card}>
      <div className={styles.media}>
        <ProductImage
          product={product}
          sizes="(min-width: 76rem) 18rem, (min-width: 48rem) 30vw, 50vw"
          className={styles.image}
        />
      </div>
      <div className={styles.body}>
        <h3 className={styles.name}>
          <Link href={`/products/${product.handle}`} className={styles.link}>
            {product.name}
          </Link>
        </h3>
        <p className={styles.summary}>{product.summary}</p>
        <p className={styles.price}>{formatMoney(product.price)}</p>
      </div>
    </article>
  );
}
