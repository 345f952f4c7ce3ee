"use client";

import type { PublicBoltConfig } from "@/lib/env";

// Bolt's `embed.js`, typed for what the storefront uses.

export type BoltLoginResult = { authorizationCode: string; scope: string };

type BoltEvents = {
  login_complete: { email?: string; result: BoltLoginResult | Error };
  login_succeeded: { email?: string; result: BoltLoginResult };
  login_failed: { email?: string; result: Error };
  account_check_complete: { email?: string; result: boolean | Error };
  login_modal_closed: { context?: string };
};

export type BoltEventName = keyof BoltEvents;

export type BoltLoginModal = {
  attach(container: Element | string, options?: { context?: string }): () => void;
  attemptLogin(options?: object): Promise<unknown>;
};

/** Bolt's newer field may omit `network`, `bin` and `postal_code` (BigCommerce's Bolt types, React Native SDK). */
export type BoltCardToken = {
  token: string;
  bin?: string;
  last4: string;
  expiration: string;
  network?: string;
  token_type: "bolt";
  postal_code?: string;
};

export type BoltTokenizeFailure = { type: string; message: string };

export type BoltPaymentComponent = {
  mount(container: Element | string): void;
  unmount(): void;
  /** May also reject, or resolve to an `Error`, as Bolt's own integrations allow for. */
  tokenize(): Promise<BoltCardToken | BoltTokenizeFailure | Error>;
};

/** `showBillingZIPField` is Bolt's React Native SDK's name. */
export type BoltPaymentComponentOptions = { showBillingZIPField?: boolean };

export type BoltLoginStatus = {
  mount(container: Element | string): void;
  unmount(): void;
};

export type BoltAccountCheckbox = {
  mount(container: Element | string): void;
  unmount(): void;
  on(event: "change", callback: (checked: boolean) => void): unknown;
};

export type BoltAccountCheckboxOptions = {
  /** Rendered in the page as Bolt recommends, hidden by Bolt once it knows the email has an account. */
  webComponent?: boolean;
  defaultValue?: boolean;
  version?: "compact" | "expanded";
  listeners?: { change?: (checked: boolean) => void };
};

export type BoltGlobal = {
  isInitialized?: boolean;
  initialize(publishableKey: string, options?: { language?: string }): void;
  create(name: "login_modal", options?: object): BoltLoginModal;
  create(name: "payment_component", options?: BoltPaymentComponentOptions): BoltPaymentComponent;
  create(name: "account_checkbox", options?: BoltAccountCheckboxOptions): BoltAccountCheckbox;
  create(name: "login_status", options?: { listeners?: { logout?: () => void } }): BoltLoginStatus;
  getComponent?(name: "login_modal"): BoltLoginModal | undefined;
  on<E extends BoltEventName>(event: E, callback: (payload: BoltEvents[E]) => void): () => void;
  /** Bolt's legacy surface only: newer Bolt code has `login_status` instead. */
  helpers?: { logout?(): Promise<void> };
};

declare global {
  interface Window {
    Bolt?: BoltGlobal;
  }
}

export class BoltScriptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BoltScriptError";
  }
}

let loading: Promise<BoltGlobal> | undefined;

/** Once per page, however many components ask. */
export function loadBolt(config: PublicBoltConfig): Promise<BoltGlobal> {
  loading ??= new Promise<BoltGlobal>((resolve, reject) => {
    const ready = () => {
      const bolt = window.Bolt;
      if (!bolt) return reject(new BoltScriptError("Bolt's script loaded but did not define Bolt."));
      if (!bolt.isInitialized) bolt.initialize(config.publishableKey);
      resolve(bolt);
    };
    if (window.Bolt) return ready();
    const script = document.createElement("script");
    script.src = `${config.connectUrl}/embed.js`;
    script.async = true;
    script.dataset.publishableKey = config.publishableKey;
    script.onload = ready;
    script.onerror = () => {
      loading = undefined; // let a later attempt retry
      reject(new BoltScriptError("Bolt's script could not be loaded."));
    };
    document.head.append(script);
  });
  return loading;
}

/** Logout must not load a script just to sign out of it. */
export function loadedBolt(): BoltGlobal | undefined {
  return typeof window === "undefined" ? undefined : window.Bolt;
}

const BOLT_LOGOUT_WAIT_MS = 3000;

/**
 * `Bolt.helpers.logout()` exists only on Bolt's legacy surface (`login_status` logs out from its own
 * frame). Never throws, never hangs.
 */
export async function logOutOfBolt(): Promise<void> {
  try {
    const helpers = loadedBolt()?.helpers;
    if (typeof helpers?.logout !== "function") return;
    const wait = new Promise<void>((resolve) => setTimeout(resolve, BOLT_LOGOUT_WAIT_MS));
    await Promise.race([helpers.logout().catch(() => undefined), wait]);
  } catch {
    // Bolt's script misbehaving must not keep the shopper signed in here.
  }
}

export function isCardToken(result: unknown): result is BoltCardToken {
  if (!result || typeof result !== "object" || result instanceof Error) return false;
  const { token } = result as Partial<BoltCardToken>;
  return typeof token === "string" && token.length > 0;
}

export function getLoginModal(bolt: BoltGlobal): BoltLoginModal {
  return bolt.getComponent?.("login_modal") ?? bolt.create("login_modal");
}
