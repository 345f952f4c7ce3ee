"use client";

import { createContext, use, useEffect, useSyncExternalStore, type ReactNode } from "react";
import type { ShopperSummary } from "@/lib/shopper/summary";

// The header's per-shopper parts come from one place: the server's summary on pages rendered per
// request, GET /api/bolt/session on static pages, which must stay the same for every visitor.

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

/** Checked before use: the rest of the header trusts its shape. */
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

/** One request however many parts ask; what was shown stays until the answer arrives, so the header never blanks. */
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

export function ShopperSummaryProvider({ summary, children }: { summary: ShopperSummary; children: ReactNode }) {
  // Kept for the static pages the shopper may go to next, so their header starts filled in.
  useEffect(() => publish({ status: "ready", summary }), [summary]);
  return <Given value={summary}>{children}</Given>;
}

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
