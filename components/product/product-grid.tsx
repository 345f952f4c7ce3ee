import type { Product } from "@/lib/catalog";
import { ProductCard } from "./product-card";
import styles from "./product-grid.module.css";

export function ProductGrid({ id, title, products }: { id: string; title: string; products: readonly Product[] }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className={`container ${styles.section}`}>
      <h2 id={`${id}-title`} className={styles.title}>
        {title}
      </h2>
      <ul className={styles.grid}>
        {products.map((product) => (
          <li key={product.id}>
            <ProductCard product={product} />
          </li>
        ))}
      </ul>
    </section>
  );
}
