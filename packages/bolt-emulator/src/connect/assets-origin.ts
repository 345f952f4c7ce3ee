import { json, type Reply } from "../http/reply";

/**
 * What the sandbox profile serves from its second origin. Bolt serves its account pieces from hosts
 * other than the connect host that serves embed.js (`account(-sandbox).bolt.com`, an image host), so
 * a storefront's policy must allow them too: the login modal with its script, styles and images, the
 * one-time-code check it calls, and the login status frame with the logout it calls.
 */
const PATHS = new Set([
  "/login-modal",
  "/connect/login-modal.js",
  "/connect/login-modal.css",
  "/connect/base.css",
  "/connect/images/bolt-mark.svg",
  "/connect/login/verify",
  "/connect/login-status",
  "/connect/login-status.js",
  "/connect/components.css",
  "/connect/logout",
]);

export function servedByAssetsOrigin(url: string | undefined): boolean {
  try {
    return PATHS.has(new URL(url ?? "/", "http://emulator.invalid").pathname);
  } catch {
    return false;
  }
}

export function notOnAssetsOrigin(): Reply {
  return json(404, { error: "not_found", message: "Bolt's account host serves only its sign-in pieces." });
}

/** `base` (the emulator's public URL) on the assets port. */
export function assetsOrigin(base: string, port: number): string {
  const url = new URL(base);
  url.port = String(port);
  return url.origin;
}
