// The checkout's forms, filled in as a shopper fills them. Types only from Playwright, so the
// cluster tests (playwright-core, under Vitest) use the same steps as the end-to-end journeys.
import type { Page } from "@playwright/test";

export type AddressEntry = {
  firstName: string;
  lastName: string;
  street: string;
  city: string;
  region: string;
  postalCode: string;
};

/** Types an address into the checkout's address form, field by field as a shopper would. */
export async function fillAddress(page: Page, address: AddressEntry) {
  await page.getByLabel("First name").fill(address.firstName);
  await page.getByLabel("Last name").fill(address.lastName);
  await page.getByLabel("Street address").fill(address.street);
  await page.getByLabel("City").fill(address.city);
  await page.getByLabel("State / province / county").fill(address.region);
  await page.getByLabel("Postal code").fill(address.postalCode);
}

export const GUEST_ADDRESS = {
  firstName: "Nora",
  lastName: "Guest",
  street: "12 Guest Lane",
  city: "Portland",
  region: "OR",
  postalCode: "97201",
};

export const CARD_FIELD = 'iframe[title="Card details, secured by Bolt"]';

/** Bolt's payment field, in its own frame on Bolt's origin. */
export function cardField(page: Page) {
  return page.frameLocator(CARD_FIELD);
}

/** An expiry two years ahead, typed as a shopper types it (the field adds the slash). */
export function futureExpiry(): string {
  return `08${String((new Date().getUTCFullYear() + 2) % 100).padStart(2, "0")}`;
}

/** Types a card into Bolt's payment field, field by field. */
export async function fillCard(
  page: Page,
  card: { number?: string; expiry?: string; cvv?: string; postalCode?: string } = {},
) {
  const field = cardField(page);
  await field.getByLabel("Card number").fill(card.number ?? "4111 1111 1111 1004");
  await field.getByLabel("Expiry (MM / YY)").fill(card.expiry ?? futureExpiry());
  await field.getByLabel("Security code (CVV)").fill(card.cvv ?? "123");
  await field.getByLabel("Billing postal code").fill(card.postalCode ?? "97201");
}

/** The guest's mobile phone, which Bolt needs for every payment. */
export async function fillMobile(page: Page, phone = "(503) 555-0123") {
  await page.getByLabel("Mobile phone").fill(phone);
}

/** Bolt's account checkbox: its web component, rendered in the page (Playwright's locators pierce its shadow root). */
export function boltAccountCheckbox(page: Page) {
  return page.locator("bolt-account-checkbox").getByRole("checkbox", { name: /Save my details with Bolt/ });
}
