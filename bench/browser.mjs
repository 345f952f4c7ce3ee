// The system Chromium through playwright-core, with the closed-network flags the tests use.
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, findBrowser, INSTALL_HINT } from "../scripts/find-browser.mjs";
import { APP_URL } from "./env.mjs";

export async function launchBrowser() {
  const executablePath = findBrowser();
  if (!executablePath) throw new Error(INSTALL_HINT);
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** A fresh context, so an empty cache, holding the cookies of a `Cookie` header for the storefront. */
export async function contextWithCookies(browser, cookie) {
  const context = await browser.newContext();
  if (cookie) {
    const pairs = cookie.split("; ").map((pair) => pair.split(/=(.*)/s));
    await context.addCookies(pairs.map(([name, value]) => ({ name, value, url: APP_URL })));
  }
  return context;
}

/**
 * An init script for every document of a context: `window[key]` is set to the moment (performance.now())
 * an element matching `selector` first enters the DOM, which is React's commit of it.
 */
export function markWhenInDom({ selector, key }) {
  const observer = new MutationObserver(() => {
    if (!document.querySelector(selector)) return;
    window[key] = performance.now();
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
}
