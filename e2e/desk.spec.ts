import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { signWebhookBody, type EmulatorTestClient } from "bolt-emulator/test-client";
import { formatMoney } from "../lib/money";
import { TEST_ADMIN_PASSWORD, testAppEnv } from "../tests/support/test-env.mjs";
import {
  deskError,
  deskResult,
  MANUAL_PAYMENT_TIMEOUT_MS,
  deskStatus,
  expect,
  openDeskOrder,
  pressWithAmount,
  reloadUntil,
  shopperPays,
  signInToDesk,
  test,
} from "./helpers/desk";
import {
  cardField,
  DESKTOP,
  expectNoAxeViolations,
  fillAddress,
  fillCard,
  GUEST_ADDRESS,
  PHONE,
  placeOrderButton,
  SCREENSHOTS,
  seedCart,
  signInAtCheckout,
} from "./helpers/storefront";

// The order desk (/admin) against the test storefronts and their emulators: what a merchant does to
// an order, what Bolt answers, and what the shopper then reads on their order page.

const money = (cents: number) => formatMoney(cents);
const field = (cents: number) => (cents / 100).toFixed(2);

/** A merchant's own browser, signed in at the desk of `base`. */
async function merchantAt(browser: Browser, base: string): Promise<{ desk: BrowserContext; merchant: Page }> {
  const desk = await browser.newContext();
  const merchant = await desk.newPage();
  await signInToDesk(merchant, base);
  return { desk, merchant };
}

/** Bolt's own record of an order's payment. */
async function payment(bolt: EmulatorTestClient, orderId: string) {
  const [found] = await bolt.orders({ orderReference: orderId });
  if (!found) throw new Error(`Bolt has no payment for ${orderId}`);
  return found;
}

test.describe("with manual capture", () => {
  test(
    "a shopper pays; the merchant captures half, then the rest, refunds part with a reason; the shopper sees the refund",
    { tag: "@journey" },
    async ({ page, context, browser, bolt, manualStorefront }) => {
      test.slow();
      const base = manualStorefront.url;
      const placed = await shopperPays(page, context, base, bolt);
      await expect(page.getByTestId("order-status")).toHaveText("Order confirmed");
      const total = (await payment(bolt, placed.orderId)).amount;
      const half = Math.floor(total / 2);

      const { desk, merchant } = await merchantAt(browser, base);
      try {
        await openDeskOrder(merchant, base, placed.orderId);
        await expect(deskStatus(merchant)).toHaveText("Authorized");
        await expect(merchant.getByRole("button", { name: "Mark as shipped" })).toBeVisible();

        await pressWithAmount(merchant, "Capture", field(half));
        await expect(deskResult(merchant)).toHaveText(
          `Bolt captured ${money(half)}. ${money(half)} of ${money(total)} captured in all.`,
        );
        await expect(deskStatus(merchant)).toHaveText("Captured");
        await expect(merchant.getByTestId("desk-captured")).toHaveText(money(half));
        expect((await payment(bolt, placed.orderId)).capturedAmount).toBe(half);

        // The form now offers what is left; pressing it as it is captures the rest.
        const capture = merchant.getByTestId("desk-capture");
        await expect(capture.getByLabel("Amount to capture")).toHaveValue(field(total - half));
        await capture.getByRole("button", { name: "Capture", exact: true }).click();
        await expect(deskResult(merchant)).toHaveText(
          `Bolt captured ${money(total - half)}. ${money(total)} of ${money(total)} captured in all.`,
        );
        await expect(merchant.getByTestId("desk-capture")).toHaveCount(0);
        expect((await payment(bolt, placed.orderId)).capturedAmount).toBe(total);

        await pressWithAmount(merchant, "Refund", "5.00", "The tote arrived with a torn strap");
        await expect(deskResult(merchant)).toHaveText("Bolt refunded $5.00. $5.00 refunded in all.");
        await expect(deskStatus(merchant)).toHaveText("Partly refunded");
        await expect(merchant.getByTestId("desk-refunded")).toHaveText("$5.00");
        await expect(merchant.getByTestId("desk-timeline")).toContainText("Reason: The tote arrived with a torn strap");
        expect((await payment(bolt, placed.orderId)).refundedAmount).toBe(500);
        // Bolt's webhook about the refund reads as confirming it, not as a second refund.
        const refunds = merchant
          .getByTestId("desk-timeline")
          .getByRole("listitem")
          .filter({ hasText: "$5.00 refunded" });
        await expect.poll(async () => (await merchant.reload(), refunds.count()), { timeout: 15_000 }).toBe(2);
        await expect(refunds.filter({ hasText: "confirms what was already recorded" })).toHaveCount(1);
        await expect(merchant.getByTestId("desk-timeline").locator("time").first()).toHaveText(/ (PST|PDT)$/);
      } finally {
        await desk.close();
      }

      await page.reload();
      await expect(page.getByTestId("order-status")).toHaveText("Partly refunded: $5.00");
      await expect(page.getByText(`$5.00 of ${placed.total} is on its way back to your card.`)).toBeVisible();
      await page.goto(`${base}/orders`);
      await expect(page.getByTestId("order-list").getByRole("listitem").first()).toContainText(
        "Partly refunded: $5.00",
      );
    },
  );

  test(
    "a guest with a mobile number pays; Mark as shipped captures it all, and the guest's page says it is paid",
    { tag: "@journey" },
    async ({ page, context, browser, bolt, manualStorefront }) => {
      test.slow();
      const base = manualStorefront.url;
      const email = `desk-guest-${randomUUID().slice(0, 8)}@example.test`;
      await seedCart(context, base, [{ id: "lh-mug", quantity: 1 }]);
      await page.goto(`${base}/checkout`);
      await page.getByRole("textbox", { name: "Email" }).fill(email);
      await expect(page.getByText(`No Bolt account uses ${email}`)).toBeVisible();
      await fillAddress(page, GUEST_ADDRESS);
      await page.getByRole("button", { name: "Continue to payment" }).click();
      await expect(cardField(page).getByLabel("Card number")).toBeVisible();
      await fillCard(page);
      await page.getByLabel("Mobile phone").fill("(503) 555-0142");
      await placeOrderButton(page).click();
      await expect(page.getByTestId("order-status")).toHaveText("Order confirmed");
      const orderId = (await page.getByTestId("order-id").textContent()) ?? "";
      const total = (await payment(bolt, orderId)).amount;

      const { desk, merchant } = await merchantAt(browser, base);
      try {
        await openDeskOrder(merchant, base, orderId);
        await expect(merchant.getByTestId("desk-order-facts")).toContainText(email);
        await merchant.getByRole("button", { name: "Mark as shipped" }).click();
        await expect(deskResult(merchant)).toHaveText(
          `Marked as shipped: Bolt captured ${money(total)}. ${money(total)} of ${money(total)} captured in all.`,
        );
        await expect(deskStatus(merchant)).toHaveText("Captured");
        await expect(merchant.getByRole("button", { name: "Mark as shipped" })).toHaveCount(0);
        expect((await payment(bolt, orderId)).capturedAmount).toBe(total);
      } finally {
        await desk.close();
      }

      await page.reload();
      await expect(page.getByTestId("order-status")).toHaveText("Paid");
    },
  );

  test("a double click, or two merchants pressing at once, capture once", async ({
    page,
    context,
    browser,
    bolt,
    manualStorefront,
  }) => {
    test.slow();
    const base = manualStorefront.url;
    const placed = await shopperPays(page, context, base, bolt);
    const total = (await payment(bolt, placed.orderId)).amount;
    const part = Math.floor(total / 3);

    const first = await merchantAt(browser, base);
    const second = await merchantAt(browser, base);
    try {
      for (const { merchant } of [first, second]) {
        await openDeskOrder(merchant, base, placed.orderId);
        await merchant.getByTestId("desk-capture").getByLabel("Amount to capture").fill(field(part));
      }
      const button = (merchant: Page) =>
        merchant.getByTestId("desk-capture").getByRole("button", { name: "Capture", exact: true });
      await Promise.all([button(first.merchant).dblclick(), button(second.merchant).click()]);
      for (const { merchant } of [first, second]) {
        await expect(deskResult(merchant)).toContainText(`${money(part)} of ${money(total)} captured in all.`);
        await expect(merchant.getByTestId("desk-captured")).toHaveText(money(part));
      }
      expect((await payment(bolt, placed.orderId)).capturedAmount).toBe(part);
      // One capture by the desk; Bolt's webhook about it may add its own line, which moves nothing.
      const timeline = first.merchant.getByTestId("desk-timeline").getByRole("listitem");
      await expect(timeline.filter({ hasText: /^Captured.*Merchant/ })).toHaveCount(1);
      await expect(timeline.filter({ hasText: "→ Captured" })).toHaveCount(1);
    } finally {
      await first.desk.close();
      await second.desk.close();
    }
  });

  test("a capture Bolt doesn't confirm in time says so, and pressing again captures once", async ({
    page,
    context,
    browser,
    bolt,
    manualStorefront,
  }) => {
    test.slow();
    const base = manualStorefront.url;
    const placed = await shopperPays(page, context, base, bolt);
    const total = (await payment(bolt, placed.orderId)).amount;
    // Bolt does the capture, but only after the storefront stopped waiting for its answer.
    await bolt.addFault({
      path: "/v1/merchant/transactions/capture",
      email: placed.email,
      latencyMs: MANUAL_PAYMENT_TIMEOUT_MS + 1500,
      times: 1,
    });
    const { desk, merchant } = await merchantAt(browser, base);
    try {
      await openDeskOrder(merchant, base, placed.orderId);
      await merchant.getByRole("button", { name: "Mark as shipped" }).click();
      await expect(deskError(merchant)).toHaveText(
        "Bolt did not confirm in time. It may have gone through: sending the same action again is safe (Bolt does it at most once), or refresh from Bolt.",
      );
      await expect(deskStatus(merchant)).toHaveText("Authorized");

      await merchant.getByRole("button", { name: "Mark as shipped" }).click();
      await expect(deskResult(merchant)).toContainText(`${money(total)} of ${money(total)} captured in all.`);
      await expect(deskStatus(merchant)).toHaveText("Captured");
      expect((await payment(bolt, placed.orderId)).capturedAmount).toBe(total);
    } finally {
      await desk.close();
    }
  });

  test("voiding an authorization cancels the order, and the shopper reads that the card was not charged", async ({
    page,
    context,
    browser,
    bolt,
    manualStorefront,
  }) => {
    const base = manualStorefront.url;
    const placed = await shopperPays(page, context, base, bolt);
    const { desk, merchant } = await merchantAt(browser, base);
    try {
      await openDeskOrder(merchant, base, placed.orderId);
      await merchant.getByRole("button", { name: "Void the authorization" }).click();
      await expect(deskResult(merchant)).toHaveText(
        "Voided: Bolt released the authorization, and the card will not be charged.",
      );
      await expect(deskStatus(merchant)).toHaveText("Voided");
      await expect(merchant.getByRole("button", { name: /Capture|Refund|Void/ })).toHaveCount(0);
      expect((await payment(bolt, placed.orderId)).status).toBe("cancelled");
    } finally {
      await desk.close();
    }
    await page.reload();
    await expect(page.getByRole("heading", { name: "Your order was cancelled" })).toBeVisible();
    await expect(page.getByText("your card was not charged")).toBeVisible();
  });
});

/** alice's Visa …1881: Bolt holds every payment made with it for review. */
async function aliceHeldForReview(page: Page, context: BrowserContext, baseURL: string | undefined) {
  await seedCart(context, baseURL, [{ id: "lh-mug", quantity: 1 }]);
  await page.goto("/checkout");
  await signInAtCheckout(page, "alice@example.com");
  await page.getByRole("radio", { name: /Visa ending in 1881/ }).check();
  await placeOrderButton(page).click();
  await expect(page.getByRole("heading", { name: "Thank you, your order is in review" })).toBeVisible();
  return (await page.getByTestId("order-id").textContent()) ?? "";
}

test(
  "alice's order held for review is approved in Bolt's dashboard: the desk shows it by Bolt's webhook alone",
  { tag: "@journey" },
  async ({ page, context, baseURL, browser, bolt }) => {
    const orderId = await aliceHeldForReview(page, context, baseURL);
    const { desk, merchant } = await merchantAt(browser, baseURL!);
    try {
      await openDeskOrder(merchant, baseURL!, orderId);
      await expect(deskStatus(merchant)).toHaveText("In review");
      await expect(merchant.getByRole("button", { name: "Approve" })).toBeVisible();
      await expect(merchant.getByRole("button", { name: "Reject" })).toBeVisible();

      await bolt.dashboard((await payment(bolt, orderId)).transactionReference, { action: "approve" });
      // The test storefronts capture at once (BOLT_CAPTURE=auto): Bolt's approval captures too.
      await reloadUntil(merchant, () => expect(deskStatus(merchant)).toHaveText("Captured"));
      await expect(merchant.getByRole("button", { name: "Approve" })).toHaveCount(0);
      const timeline = merchant.getByTestId("desk-timeline");
      await expect(timeline).toContainText("Authorized and captured");
      await expect(timeline).toContainText("Bolt webhook · In review → Captured");
    } finally {
      await desk.close();
    }
    await page.reload();
    await expect(page.getByTestId("order-status")).toHaveText("Paid");
  },
);

test("rejecting a payment in review cancels the order, and the shopper is told in plain words", async ({
  page,
  context,
  baseURL,
  browser,
  bolt,
}) => {
  const orderId = await aliceHeldForReview(page, context, baseURL);
  const { desk, merchant } = await merchantAt(browser, baseURL!);
  try {
    await openDeskOrder(merchant, baseURL!, orderId);
    await merchant.getByRole("button", { name: "Reject" }).click();
    await expect(deskResult(merchant)).toHaveText(
      "Rejected: Bolt cancelled the payment, and the card will not be charged.",
    );
    await expect(deskStatus(merchant)).toHaveText("Rejected");
    expect((await payment(bolt, orderId)).status).toBe("rejected_irreversible");
  } finally {
    await desk.close();
  }
  await page.reload();
  await expect(page.getByRole("heading", { name: "Your order was cancelled after review" })).toBeVisible();
  await expect(page.getByTestId("order-status")).toHaveText("Cancelled after review");
});

test("Bolt's refusal shows in plain words and changes nothing; a refresh from Bolt then catches up", async ({
  page,
  context,
  baseURL,
  browser,
  bolt,
}) => {
  const placed = await shopperPays(page, context, baseURL!, bolt);
  const paid = await payment(bolt, placed.orderId);
  // The store reads Bolt's account of the payment once its webhooks pause; only then is it refunded at
  // Bolt by someone else, the store not told: the desk still offers the whole amount.
  const path = `/v1/merchant/transactions/${paid.transactionReference}`;
  await expect.poll(async () => (await bolt.requests({ path })).length, { timeout: 15_000 }).toBeGreaterThan(0);
  await bolt.credit(paid.transactionReference, 1000, { skipHookNotification: true });

  const { desk, merchant } = await merchantAt(browser, baseURL!);
  try {
    await openDeskOrder(merchant, baseURL!, placed.orderId);
    await reloadUntil(merchant, () => expect(deskStatus(merchant)).toHaveText("Captured"));
    const events = await merchant.getByTestId("desk-timeline").getByRole("listitem").count();

    await pressWithAmount(merchant, "Refund", "-5", "Damaged");
    await expect(deskError(merchant)).toHaveText("An amount can't be negative.");
    await expect(merchant.getByLabel("Amount to refund")).toHaveValue("-5");

    await pressWithAmount(merchant, "Refund", field(paid.amount), "Returned in full");
    await expect(deskError(merchant)).toContainText(
      "Bolt refused it: the amount is more than Bolt has left to do that with. Nothing was changed.",
    );
    await expect(deskStatus(merchant)).toHaveText("Captured");
    await expect(merchant.getByTestId("desk-refunded")).toHaveText("$0.00");
    await expect(merchant.getByTestId("desk-timeline").getByRole("listitem")).toHaveCount(events);
    expect((await payment(bolt, placed.orderId)).refundedAmount).toBe(1000);

    await merchant.getByRole("button", { name: "Refresh from Bolt" }).click();
    await expect(deskResult(merchant)).toHaveText("Updated from Bolt's record.");
    await expect(deskStatus(merchant)).toHaveText("Partly refunded");
    await expect(merchant.getByTestId("desk-refunded")).toHaveText("$10.00");
  } finally {
    await desk.close();
  }
});

test("the inbox shows a signed event about an order the store doesn't know, until it is marked handled", async ({
  page,
  baseURL,
  request,
}) => {
  const reference = randomBytes(6).toString("hex").toUpperCase();
  const usd = (amount: number) => ({ amount, currency: "USD", currency_symbol: "$" });
  const body = JSON.stringify({
    type: "capture",
    object: "transaction",
    data: {
      reference,
      type: "cc_payment",
      status: "completed",
      amount: usd(4200),
      captures: [{ amount: usd(4200), status: "succeeded" }],
      order_reference: `elsewhere-${reference}`,
    },
  });
  const delivered = await request.post(`${baseURL}/api/bolt/webhooks`, {
    headers: {
      "Content-Type": "application/json",
      "X-Bolt-Hmac-Sha256": signWebhookBody(testAppEnv.BOLT_SIGNING_SECRET, body),
    },
    data: body,
  });
  expect(delivered.status()).toBe(200);

  await signInToDesk(page, baseURL!);
  const inbox = page.getByTestId("unmatched-events");
  const item = inbox.getByRole("listitem").filter({ hasText: reference });
  await expect(item).toContainText(`elsewhere-${reference}`);
  await expect(item).toContainText("$42.00");
  await item.getByRole("button", { name: /^Mark handled/ }).click();
  await expect(page.getByText(reference)).toHaveCount(0);
  await page.reload();
  await expect(page.getByText(reference)).toHaveCount(0);
});

test("a signed-in shopper's session does not open the desk", async ({ page, context, baseURL, bolt }) => {
  await shopperPays(page, context, baseURL!, bolt, "lh-mug");
  const response = await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Sign in to the order desk" })).toBeVisible();
  await expect(page.getByTestId("desk-orders")).toHaveCount(0);
});

const fitsThePhone = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

test("the desk works from the keyboard alone, passes axe, and fits a phone", async ({
  page,
  context,
  baseURL,
  browser,
  bolt,
}) => {
  test.slow();
  const placed = await shopperPays(page, context, baseURL!, bolt);
  const desk = await browser.newContext({ baseURL });
  try {
    const merchant = await desk.newPage();
    await merchant.setViewportSize(DESKTOP);
    await merchant.goto("/admin");
    await expect(merchant).toHaveTitle(/^Sign in · Order desk/);
    await expectNoAxeViolations(merchant);
    await merchant.getByLabel("Password").focus();
    await merchant.keyboard.type("not the password");
    await merchant.keyboard.press("Enter");
    await expect(merchant.locator("main").getByRole("alert")).toHaveText("That is not the desk's password.");
    await expect(merchant.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
    await merchant.getByLabel("Password").fill("");
    await merchant.getByLabel("Password").focus();
    await merchant.keyboard.type(TEST_ADMIN_PASSWORD);
    await merchant.keyboard.press("Enter");
    await expect(merchant.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();

    // Find the order by its shopper, from the keyboard: the search box, then the order's link.
    await merchant.getByLabel("Email or order number").focus();
    await merchant.keyboard.type(placed.email);
    await merchant.keyboard.press("Enter");
    const link = merchant.getByRole("link", { name: placed.orderId });
    await expect(link).toBeVisible();
    await expect(merchant.getByTestId("desk-orders").getByRole("row")).toHaveCount(2);
    await expect(link).toHaveCount(1);
    await tabTo(merchant, link);
    await merchant.keyboard.press("Enter");
    await expect(merchant.getByRole("heading", { level: 1, name: `Order ${placed.orderId}` })).toBeVisible();
    await reloadUntil(merchant, () => expect(deskStatus(merchant)).toHaveText("Captured"));

    // A partial refund, typed and sent from the keyboard.
    await tabTo(merchant, merchant.getByLabel("Amount to refund"));
    await merchant.keyboard.press("ControlOrMeta+a");
    await merchant.keyboard.type("3.50");
    await merchant.keyboard.press("Tab");
    await expect(merchant.getByLabel("Reason")).toBeFocused();
    await merchant.keyboard.type("Gift wrap missing");
    await merchant.keyboard.press("Tab");
    await expect(merchant.getByRole("button", { name: "Refund", exact: true })).toBeFocused();
    await merchant.keyboard.press("Enter");
    await expect(deskResult(merchant)).toHaveText("Bolt refunded $3.50. $3.50 refunded in all.");
    await expectNoAxeViolations(merchant);
    await merchant.screenshot({ path: path.join(SCREENSHOTS, "desk-order-desktop.png"), fullPage: true });
    await merchant.setViewportSize(PHONE);
    await fitsThePhone(merchant);
    await merchant.screenshot({ path: path.join(SCREENSHOTS, "desk-order-phone.png"), fullPage: true });

    await merchant.setViewportSize(DESKTOP);
    await merchant.getByRole("link", { name: "All orders" }).click();
    await expect(merchant.getByTestId("desk-orders")).toBeVisible();
    await expectNoAxeViolations(merchant);
    await merchant.screenshot({ path: path.join(SCREENSHOTS, "desk-orders-desktop.png"), fullPage: true });
    await merchant.setViewportSize(PHONE);
    await fitsThePhone(merchant);
    await expectNoAxeViolations(merchant);
    await merchant.screenshot({ path: path.join(SCREENSHOTS, "desk-orders-phone.png"), fullPage: true });

    await merchant.getByRole("button", { name: "Sign out" }).click();
    await expect(merchant).toHaveURL(/\/admin\/sign-in$/);
    await merchant.goto("/admin");
    await expect(merchant).toHaveURL(/\/admin\/sign-in$/);
  } finally {
    await desk.close();
  }
});

/** Presses Tab until `target` has the focus, as a keyboard user moves through the page. */
async function tabTo(page: Page, target: ReturnType<Page["getByRole"]>, most = 40) {
  for (let presses = 0; presses < most; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}
