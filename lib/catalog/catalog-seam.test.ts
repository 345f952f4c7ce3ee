// The storefront on a second catalog: a tiny one defined here, swapped in for lib/catalog/source.ts
// (the one module README's "Use your own catalog" says to replace). Pages, the cart, its pricing
// and the add-to-cart action must show and sell its products, and know nothing of the demo's.
import { createElement } from "react";
import { prerender } from "react-dom/static";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CatalogSource, Product } from "./types";

const tiny = vi.hoisted(() => {
  const product = (id: string, handle: string, name: string, price: number) => ({
    id,
    handle,
    name,
    summary: `${name}, in brief`,
    description: `${name}, at length.`,
    price,
    image: { src: `/tiny/${handle}.png`, alt: `A photo of the ${name}`, width: 400, height: 300 },
    details: [`${name} detail`],
  });
  return {
    products: [
      product("tiny-kettle", "copper-kettle", "Copper Kettle", 9900),
      product("tiny-spoon", "olive-spoon", "Olive Wood Spoon", 1250),
    ],
    calls: [] as string[],
  };
});

vi.mock("./source", () => ({
  catalogSource: {
    async products() {
      tiny.calls.push("products");
      return tiny.products;
    },
    async productByHandle(handle: string) {
      tiny.calls.push(`productByHandle ${handle}`);
      return tiny.products.find((product) => product.handle === handle);
    },
    async productsByIds(ids: readonly string[]) {
      tiny.calls.push(`productsByIds ${ids.join(",")}`);
      return tiny.products.filter((product) => ids.includes(product.id));
    },
  } satisfies CatalogSource,
}));

// Next's runtime is not here: the request's cookies are a plain map.
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/cache", () => ({ refresh: () => {} }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: ({ name }: { name: string }) => void jar.delete(name),
  }),
}));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
  redirect: (url: string) => {
    throw new Error(`NEXT_REDIRECT ${url}`);
  },
}));

async function html(element: ReturnType<typeof createElement>): Promise<string> {
  const { prelude } = await prerender(element);
  return new Response(prelude).text();
}

const params = (handle: string) => ({ params: Promise.resolve({ handle }) }) as PageProps<"/products/[handle]">;

beforeEach(() => {
  jar.clear();
  tiny.calls.length = 0;
  // Each test is a fresh process: lib/catalog keeps what it read for the life of one.
  vi.resetModules();
});

describe("the storefront on a second catalog implementation", () => {
  it("lists that catalog's products on the home page, and none of the demo's", async () => {
    const { default: HomePage } = await import("@/app/(shop)/page");
    const page = await html(await HomePage());
    expect(page).toContain("Copper Kettle");
    expect(page).toContain('href="/products/olive-spoon"');
    expect(page).toContain("$12.50");
    expect(page).not.toContain("Stoneware Mug");
    expect(tiny.calls).toEqual(["products"]);
  });

  it("builds one product page per product of that catalog, and 404s any other handle", async () => {
    const product = await import("@/app/(shop)/products/[handle]/page");
    expect(await product.generateStaticParams()).toEqual([{ handle: "copper-kettle" }, { handle: "olive-spoon" }]);
    expect(await product.generateMetadata(params("copper-kettle"))).toMatchObject({ title: "Copper Kettle" });
    const page = await html(await product.default(params("copper-kettle")));
    expect(page).toContain("Copper Kettle");
    expect(page).toContain("$99.00");
    expect(page).toContain('value="tiny-kettle"');
    await expect(product.default(params("stoneware-mug"))).rejects.toThrow("NEXT_NOT_FOUND");
  });

  it("prices the cart from that catalog and drops lines it does not know", async () => {
    const { getCart } = await import("@/lib/cart");
    jar.set(
      "cart",
      JSON.stringify([
        { id: "tiny-spoon", quantity: 4 },
        { id: "lh-mug", quantity: 1 }, // a demo product: unknown here
      ]),
    );
    const cart = await getCart();
    expect(cart.lines.map(({ product, quantity }) => [product.name, quantity])).toEqual([["Olive Wood Spoon", 4]]);
    // 4 × $12.50 = $50.00, under the free-shipping threshold: $7.00 shipping, 8% tax.
    expect(cart).toMatchObject({ subtotal: 5000, shipping: 700, tax: 400, total: 6100 });
  });

  it("adds that catalog's products to the cart and refuses the demo's", async () => {
    const { addToCart } = await import("@/app/(checkout)/cart/actions");
    const form = (productId: string) => {
      const data = new FormData();
      for (const [name, value] of Object.entries({ productId, quantity: "2", inPlace: "1" })) data.set(name, value);
      return data;
    };
    expect(await addToCart({}, form("tiny-kettle"))).toEqual({ notice: "Added to your cart (2 in cart)." });
    expect(JSON.parse(jar.get("cart") ?? "[]")).toEqual([{ id: "tiny-kettle", quantity: 2 }]);
    expect(await addToCart({}, form("lh-mug"))).toEqual({ error: "Sorry, that product is no longer available." });
  });

  it("refuses a backend answer that is not a product, naming the call and the field", async () => {
    const { getProducts, CatalogError } = await import("./index");
    const { catalogSource } = await import("./source");
    const broken = { ...tiny.products[0], price: "99.00" } as unknown as Product;
    vi.spyOn(catalogSource, "products").mockResolvedValueOnce([broken]);
    const error = await getProducts().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CatalogError);
    expect((error as Error).message).toMatch(/^catalogSource\.products\(\) returned an invalid product: price /);
  });

  it("asks the backend once per process for what it found, and again for what it did not", async () => {
    const { getProduct, getProducts, getProductsByIds } = await import("./index");
    const { catalogSource } = await import("./source");
    vi.spyOn(catalogSource, "products").mockRejectedValueOnce(new Error("backend down"));
    await expect(getProducts()).rejects.toThrow("backend down");
    expect((await getProducts()).map(({ id }) => id)).toEqual(["tiny-kettle", "tiny-spoon"]);
    await getProducts();
    expect(await getProduct("olive-spoon")).toMatchObject({ id: "tiny-spoon" });
    expect((await getProductsByIds(["tiny-spoon", "no-such-id"])).map(({ id }) => id)).toEqual(["tiny-spoon"]);
    expect(await getProductsByIds(["no-such-id", "tiny-kettle"])).toMatchObject([{ id: "tiny-kettle" }]);
    expect(await getProduct("no-such-handle")).toBeUndefined();
    expect(tiny.calls).toEqual([
      "products",
      "productsByIds no-such-id",
      "productsByIds no-such-id",
      "productByHandle no-such-handle",
    ]);
  });
});
