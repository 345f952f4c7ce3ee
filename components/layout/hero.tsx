import { ProductImage } from "@/components/product/product-image";
import type { Product } from "@/lib/catalog";
import { site } from "@/lib/site";
import styles from "./hero.module.css";

export function Hero({ featured }: { featured: readonly Product[] }) {
  return (
    <section className={styles.hero} aria-labelledby="hero-title">
      <div className={`container ${styles.inner}`}>
        <div className={styles.copy}>
          <p className={styles.eyebrow}>Bolt one-click checkout demo</p>
          <h1 id="hero-title" className={styles.title}>
            Well-made things for the kitchen and table
          </h1>
          <p className={styles.lede}>
            {site.name} is a demo store for Bolt one-click checkout. Add something to your cart, then check out with
            your Bolt account in a single click. Every order goes to a local Bolt emulator, so nothing is charged.
          </p>
          <a href="#collection" className={`button ${styles.cta}`}>
            Browse the collection
          </a>
        </div>
        <div className={styles.art} aria-hidden="true">
          {featured.map((product) => (
            <ProductImage key={product.id} product={product} sizes="20rem" decorative className={styles.tile} />
          ))}
        </div>
      </div>
    </section>
  );
}
