import { expect, test, type Page } from "@playwright/test";
import path from "node:path";
import { DESKTOP, expectNoAxeViolations, PHONE, SCREENSHOTS, seedCart } from "./helpers/storefront";

function cartLink(page: Page) {
  return page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Cart/ });
}

test.describe("catalog", () => {
  test("the home page explains the demo and lists at least six products", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByText("Bolt one-click checkout demo")).toBeVisible();
    const products = page.getByRole("region", { name: "The collection" }).getByRole("listitem");
    expect(await products.count()).toBeGreaterThanOrEqual(6);
    await expect(products.first().getByRole("link")).toHaveAttribute("href", /^\/products\//);
  });

  test("a product page shows its name, price and description", async ({ page }) => {
    await page.goto("/products/canvas-tote");
    await expect(page).toHaveTitle(/Canvas Tote/);
    await expect(page.getByRole("heading", { level: 1, name: "Canvas Tote" })).toBeVisible();
    await expect(page.getByText("$32.00", { exact: true })).toBeVisible();
    await expect(page.getByRole("img", { name: /canvas tote bag/i })).toBeVisible();
  });

  test("an unknown product is a 404 with a way back to the shop", async ({ page }) => {
    const response = await page.goto("/products/no-such-thing");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/couldn’t find/);
    await expect(page.getByRole("main").getByRole("link", { name: "Back to the shop" })).toHaveAttribute("href", "/");
  });
});

test.describe("cart", () => {
  test("adding from a product page updates the header count and sets a locked-down cookie", async ({
    page,
    context,
  }) => {
    await page.goto("/products/canvas-tote");
    await expect(cartLink(page)).toHaveAccessibleName("Cart, 0 items");

    await page.getByLabel("Quantity").selectOption("2");
    await page.getByRole("button", { name: "Add to cart" }).click();

    await expect(page.getByRole("status").filter({ hasText: "Added to your cart" })).toContainText("2 in cart");
    await expect(cartLink(page)).toHaveAccessibleName("Cart, 2 items");

    const cookie = (await context.cookies()).find(({ name }) => name === "cart");
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
    const days = (cookie!.expires * 1000 - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThanOrEqual(30);
    expect(JSON.parse(decodeURIComponent(cookie!.value))).toEqual([{ id: "lh-tote", quantity: 2 }]);
  });

  test("the cart page recomputes totals on the server, removes lines and shows the empty state", async ({
    page,
    context,
    baseURL,
  }) => {
    await seedCart(context, baseURL, [{ id: "lh-mug", quantity: 2 }]);
    await page.goto("/cart");
    const totals = () =>
      Promise.all(
        ["cart-subtotal", "cart-shipping", "cart-tax", "cart-total"].map((id) => page.getByTestId(id).textContent()),
      );

    // 2 × $28.00 = $56.00, below the $75.00 free-shipping threshold: $7.00 shipping, 8% tax.
    expect(await totals()).toEqual(["$56.00", "$7.00", "$4.48", "$67.48"]);
    await expect(page.getByRole("link", { name: "Checkout" })).toHaveAttribute("href", "/checkout");

    await page.getByRole("button", { name: "Increase quantity of Stoneware Mug" }).click();
    await expect(page.getByTestId("line-quantity")).toHaveText("3");
    // 3 × $28.00 = $84.00 ships free; tax $6.72.
    await expect(page.getByTestId("cart-total")).toHaveText("$90.72");
    expect(await totals()).toEqual(["$84.00", "Free", "$6.72", "$90.72"]);
    await expect(cartLink(page)).toHaveAccessibleName("Cart, 3 items");

    await page.getByRole("button", { name: "Decrease quantity of Stoneware Mug" }).click();
    await expect(page.getByTestId("cart-total")).toHaveText("$67.48");

    await page.getByRole("button", { name: "Remove Stoneware Mug from cart" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Your cart is empty" })).toBeVisible();
    // The button went with its line: focus moves to the heading instead of the top of the document.
    await expect(page.getByRole("heading", { level: 1, name: "Your cart is empty" })).toBeFocused();
    await expect(page.getByRole("status").filter({ hasText: "Removed" })).toHaveText(
      "Removed Stoneware Mug from your cart.",
    );
    await expect(page.getByRole("link", { name: "Continue shopping" })).toHaveAttribute("href", "/");
    await expect(cartLink(page)).toHaveAccessibleName("Cart, 0 items");
    expect((await context.cookies()).some(({ name }) => name === "cart")).toBe(false);
  });

  test("prices cannot be set by the browser", async ({ page, context, baseURL }) => {
    const forged = [
      { id: "lh-mug", quantity: 1, price: 1, lineTotal: 1, total: 1 },
      { id: "forged-product", quantity: 3, price: 0 },
    ];
    await context.addCookies([{ name: "cart", value: encodeURIComponent(JSON.stringify(forged)), url: baseURL }]);
    await page.goto("/cart");
    await expect(page.getByRole("region", { name: "Items" }).getByRole("listitem")).toHaveCount(1);
    await expect(page.getByTestId("cart-subtotal")).toHaveText("$28.00");
    await expect(page.getByTestId("cart-total")).toHaveText("$37.24");

    // A price field smuggled into the add-to-cart form is ignored too.
    await page.goto("/products/stoneware-mug");
    await page.locator("form:has(select)").evaluate((form) => {
      form.insertAdjacentHTML("beforeend", '<input type="hidden" name="price" value="1">');
    });
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(cartLink(page)).toHaveAccessibleName("Cart, 2 items");
    await page.goto("/cart");
    await expect(page.getByTestId("cart-subtotal")).toHaveText("$56.00");
  });

  test("an unknown product id posted to the add-to-cart action is refused", async ({ page }) => {
    await page.goto("/products/stoneware-mug");
    await page.locator('input[name="productId"]').evaluate((input: HTMLInputElement) => {
      input.value = "forged-product";
    });
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page.getByRole("status").filter({ hasText: "no longer available" })).toBeVisible();
    await expect(cartLink(page)).toHaveAccessibleName("Cart, 0 items");
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("add to cart and the quantity stepper still work", async ({ page }) => {
    await page.goto("/products/bud-vase");
    await page.getByLabel("Quantity").selectOption("3");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(cartLink(page)).toHaveAccessibleName("Cart, 3 items");

    await page.goto("/cart");
    await page.getByRole("button", { name: "Increase quantity of Ceramic Bud Vase" }).click();
    await expect(page.getByTestId("line-quantity")).toHaveText("4");
    await expect(page.getByTestId("cart-subtotal")).toHaveText("$96.00");
  });
});

test.describe("accessibility", () => {
  test("home, product and cart pages have no axe violations", async ({ page, context, baseURL }) => {
    await page.goto("/");
    await expectNoAxeViolations(page);
    await page.goto("/products/walnut-serving-board");
    await expectNoAxeViolations(page);
    await seedCart(context, baseURL, [
      { id: "lh-board", quantity: 1 },
      { id: "lh-tapers", quantity: 10 },
    ]);
    await page.goto("/cart");
    await expectNoAxeViolations(page);
  });

  test("the empty cart has no axe violations", async ({ page }) => {
    await page.goto("/cart");
    await expect(page.getByRole("heading", { name: "Your cart is empty" })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("a shopper can add to cart with the keyboard alone", async ({ page }) => {
    await page.goto("/products/glass-carafe");

    await page.keyboard.press("Tab");
    const skipLink = page.getByRole("link", { name: "Skip to content" });
    await expect(skipLink).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("main")).toBeFocused();

    const quantity = page.getByLabel("Quantity");
    for (
      let presses = 0;
      presses < 10 && !(await quantity.evaluate((el) => el === document.activeElement));
      presses++
    ) {
      await page.keyboard.press("Tab");
    }
    await expect(quantity).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(quantity).toHaveValue("2");

    await page.keyboard.press("Tab");
    const addToCart = page.getByRole("button", { name: "Add to cart" });
    await expect(addToCart).toBeFocused();
    await page.keyboard.press("Enter");

    await expect(cartLink(page)).toHaveAccessibleName("Cart, 2 items");
    await expect(addToCart).toBeFocused();
  });

  test("removing a line with the keyboard keeps focus on the page and says what was removed", async ({
    page,
    context,
    baseURL,
  }) => {
    await seedCart(context, baseURL, [
      { id: "lh-mug", quantity: 1 },
      { id: "lh-tote", quantity: 1 },
    ]);
    await page.goto("/cart");
    await page.getByRole("button", { name: "Remove Stoneware Mug from cart" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("region", { name: "Items" }).getByRole("listitem")).toHaveCount(1);
    await expect(page.getByRole("heading", { level: 1, name: "Your cart" })).toBeFocused();
    await expect(page.getByRole("status").filter({ hasText: "Removed" })).toHaveText(
      "Removed Stoneware Mug from your cart.",
    );
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: /Canvas Tote/ }).first()).toBeFocused();
  });
});

test.describe("layout", () => {
  test("nothing overflows horizontally on a 390 px phone", async ({ page, context, baseURL }) => {
    await page.setViewportSize(PHONE);
    await seedCart(context, baseURL, [
      { id: "lh-napkins", quantity: 10 },
      { id: "lh-throw", quantity: 1 },
    ]);
    for (const url of ["/", "/products/linen-napkins", "/cart", "/products/no-such-thing"]) {
      await page.goto(url);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, url).toBeLessThanOrEqual(PHONE.width);
    }
  });

  test("screenshots of the home and product pages, desktop and phone", async ({ page }) => {
    for (const [device, viewport] of [
      ["desktop", DESKTOP],
      ["phone", PHONE],
    ] as const) {
      await page.setViewportSize(viewport);
      for (const [name, url] of [
        ["home", "/"],
        ["product", "/products/stoneware-mug"],
      ] as const) {
        await page.goto(url);
        await page.evaluate(() => document.fonts.ready);
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${device}.png`), fullPage: true });
      }
    }
  });
});
