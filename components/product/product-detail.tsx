import Link from "next/link";
import { FREE_SHIPPING_THRESHOLD } from "@/lib/cart/pricing";
import type { Product } from "@/lib/catalog";
import { formatMoney } from "@/lib/money";
import { AddToCartForm } from "./add-to-cart-form";
import { ProductImage } from "./product-image";
import styles from "./product-detail.module.css";

export function ProductDetail({ product }: { product: Product }) {
  return (
    <div className={`container ${styles.page}`}>
      <nav aria-label="Breadcrumb">
        <ol className={styles.breadcrumb}>
          <li>
            <Link href="/">Shop</Link>
          </li>
          <li aria-current="page">{product.name}</li>
        </ol>
      </nav>
      <div className={styles.layout}>
        <div className={styles.media}>
          <ProductImage product={product} sizes="(min-width: 56rem) 50vw, 100vw" preload />
        </div>
        <div className={styles.info}>
          <h1 className={styles.name}>{product.name}</h1>
          <p className={styles.price}>{formatMoney(product.price)}</p>
          <p className={styles.description}>{product.description}</p>
          <AddToCartForm productId={product.id} />
          <p className={styles.perks}>
            Free shipping on orders of {formatMoney(FREE_SHIPPING_THRESHOLD)} or more. Check out in one click with Bolt.
          </p>
          <section aria-labelledby="details-title" className={styles.details}>
            <h2 id="details-title" className={styles.detailsTitle}>
              Details
            </h2>
            <ul className={styles.detailsList}>
              {product.details.map((detail) => (
                <li key={detail}>{detail}</li>
              ))}
            </ul>
          </section>
        </div>
      </div>
    </div>
  );
}
