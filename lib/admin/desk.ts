import type { Order } from "@/lib/ledger";
import { formatMoney } from "@/lib/money";

// Bolt has the last word on every action; these only spare the merchant what can only be refused.

export type DeskAction = "ship" | "capture" | "void" | "refund" | "approve" | "reject" | "refresh";

type Amounts = Pick<Order, "status" | "totalCents" | "authorizedCents" | "capturedCents" | "refundedCents">;

/** What is left of the authorization to capture, as `captureOrder` counts it. */
export function capturableCents(order: Amounts): number {
  return Math.max(0, (order.authorizedCents || order.totalCents) - order.capturedCents);
}

export function refundableCents(order: Amounts): number {
  return Math.max(0, order.capturedCents - order.refundedCents);
}

/** With manual capture, "ship" captures all that is left; a partial capture stays possible. */
export function deskActions(
  order: Amounts & Pick<Order, "boltReference">,
  { manualCapture }: { manualCapture: boolean },
): DeskAction[] {
  if (!order.boltReference) return [];
  const actions: DeskAction[] = [];
  const capturable = capturableCents(order) > 0;
  switch (order.status) {
    case "in_review":
      actions.push("approve", "reject");
      break;
    case "authorized":
      if (capturable && manualCapture) actions.push("ship");
      if (capturable) actions.push("capture");
      if (order.capturedCents === 0) actions.push("void");
      break;
    case "captured":
    case "partially_refunded":
      if (capturable) actions.push("capture");
      if (refundableCents(order) > 0) actions.push("refund");
      break;
    default:
      break;
  }
  actions.push("refresh");
  return actions;
}

/** 2 for USD, 0 for JPY, as formatMoney uses them. */
function decimalsOf(currency: string): number {
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** An amount in minor units as the form's field shows it: `12.50`, no symbol, no grouping. */
export function amountText(minor: number, currency: string): string {
  const decimals = decimalsOf(currency);
  return (minor / 10 ** decimals).toFixed(decimals);
}

export type ParsedAmount = { ok: true; cents: number } | { ok: false; message: string };

/** `12.50`, `$12.50` or `1,250` into minor units without floating point; `what` names the action. */
export function parseAmount(text: string, currency: string, maxCents: number, what: string): ParsedAmount {
  const decimals = decimalsOf(currency);
  const left = formatMoney(maxCents, currency);
  const example = amountText(Math.min(maxCents, 1250 * 10 ** Math.max(0, decimals - 2)), currency);
  const typed = text.trim().replace(/^[^\d.,-]{1,3}\s*/, "");
  if (typed.startsWith("-")) return { ok: false, message: "An amount can't be negative." };
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/.exec(typed);
  if (!match) return { ok: false, message: `Type an amount, like ${example}.` };
  const [, whole = "", fraction = ""] = match;
  if (fraction.length > decimals) {
    const rule = decimals === 0 ? "Type a whole amount" : `Use at most ${decimals} decimal${decimals === 1 ? "" : "s"}`;
    return { ok: false, message: `${rule}, like ${example}.` };
  }
  const digits = `${whole.replaceAll(",", "")}${fraction.padEnd(decimals, "0")}`.replace(/^0+(?=\d)/, "");
  if (digits.length > 12) return { ok: false, message: `At most ${left} is left to ${what}.` };
  const cents = Number(digits);
  if (cents === 0) return { ok: false, message: "Type an amount above zero." };
  if (cents > maxCents) return { ok: false, message: `At most ${left} is left to ${what}.` };
  return { ok: true, cents };
}
