"use client";

import { createContext, use, useEffect, useSyncExternalStore, type ReactNode } from "react";
import type { ShopperSummary } from "@/lib/shopper/summary";

// The header's per-shopper parts (account, cart count, signed-out notice) come from one place.
// Pages rendered per request hand the server's summary down through the provider; static pages,
// which must stay the same for every visitor, have none and ask GET /api/bolt/session instead.

export type ShopperState = { status: "loading" } | { status: "failed" } | { status: "ready"; summary: ShopperSummary };

const LOADING: ShopperState = { status: "loading" };
const FAILED: ShopperState = { status: "failed" };

let state: ShopperState = LOADING;
let inFlight: Promise<void> | undefined;
const listeners = new Set<() => void>();

function publish(next: ShopperState) {
  state = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Our own endpoint's answer, checked before use: the rest of the header trusts its shape. */
function isSummary(value: unknown): value is ShopperSummary {
  if (!value || typeof value !== "object") return false;
  const { signedIn, email, cartCount, signedOutNotice, bolt } = value as Record<string, unknown>;
  const config = bolt && typeof bolt === "object" ? (bolt as Record<string, unknown>) : {};
  return (
    (signedIn === false || (signedIn === true && typeof email === "string")) &&
    typeof cartCount === "number" &&
    (signedOutNotice === null || typeof signedOutNotice === "string") &&
    typeof config.connectUrl === "string" &&
    typeof config.publishableKey === "string"
  );
}

/**
 * Fetches the summary (one request however many parts ask at once). What was shown stays on
 * screen until the answer arrives, so moving between static pages never blanks the header.
 */
export function loadShopperSummary(): Promise<void> {
  inFlight ??= fetch("/api/bolt/session", { cache: "no-store", headers: { Accept: "application/json" } })
    .then(async (response) => {
      const body: unknown = response.ok ? await response.json() : undefined;
      if (isSummary(body)) publish({ status: "ready", summary: body });
      else if (state.status !== "ready") publish(FAILED);
    })
    .catch(() => {
      if (state.status !== "ready") publish(FAILED);
    })
    .finally(() => {
      inFlight = undefined;
    });
  return inFlight;
}

const Given = createContext<ShopperSummary | null>(null);

/** For pages rendered per request: the server's summary, shown at once (and without JavaScript). */
export function ShopperSummaryProvider({ summary, children }: { summary: ShopperSummary; children: ReactNode }) {
  // Kept for the static pages the shopper may go to next, so their header starts filled in.
  useEffect(() => publish({ status: "ready", summary }), [summary]);
  return <Given value={summary}>{children}</Given>;
}

/** The shopper's summary: the server's when a page has one, else fetched once the page is in the browser. */
export function useShopper(): ShopperState {
  const given = use(Given);
  const stored = useSyncExternalStore(
    subscribe,
    () => state,
    () => LOADING,
  );
  useEffect(() => {
    if (!given) void loadShopperSummary();
  }, [given]);
  return given ? { status: "ready", summary: given } : stored;
}
