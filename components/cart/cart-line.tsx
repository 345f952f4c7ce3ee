import Link from "next/link";
import { ProductImage } from "@/components/product/product-image";
import type { PricedLine } from "@/lib/cart";
import { formatMoney } from "@/lib/money";
import { LineControls } from "./line-controls";
import styles from "./cart-line.module.css";

export function CartLine({ line }: { line: PricedLine }) {
  const { product, quantity, lineTotal } = line;
  return (
    <li className={styles.line}>
      <div className={styles.media}>
        <ProductImage product={product} sizes="7rem" decorative />
      </div>
      <div className={styles.info}>
        <h3 className={styles.name}>
          <Link href={`/products/${product.handle}`}>{product.name}</Link>
        </h3>
        <p className={styles.unitPrice}>
          {formatMoney(product.price)} <span className="visually-hidden">each</span>
        </p>
      </div>
      <p className={styles.lineTotal}>
        <span className="visually-hidden">Line total: </span>
        {formatMoney(lineTotal)}
      </p>
      <div className={styles.controls}>
        <LineControls productId={product.id} productName={product.name} quantity={quantity} />
      </div>
    </li>
  );
}
