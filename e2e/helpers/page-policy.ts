// What a page's Content-Security-Policy lets through: its script-src, and the violations and console
// errors it reports while a test runs.
import type { Page, Response } from "@playwright/test";

/** Every CSP violation the page reports, and every console error, from the first script on. */
export async function watchPage(page: Page) {
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { __cspViolations: seen });
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sample}`),
    );
  });
  return {
    violations: () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations),
    consoleErrors,
  };
}

export function scriptSrcOf(csp: string | null | undefined): string {
  return (csp ?? "").split("; ").find((directive) => directive.startsWith("script-src ")) ?? "";
}

export const scriptSrc = (response: Response | null) => scriptSrcOf(response?.headers()["content-security-policy"]);

/** Marks the document, so a test can tell a client-side navigation from a full page load. */
export const markDocument = (page: Page) => page.evaluate(() => Object.assign(window, { __sameDocument: true }));

export const isSameDocument = (page: Page) =>
  page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);
