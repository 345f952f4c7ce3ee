import type { Answer } from "./inputs";

// On globalThis: Next loads this module once per bundle, and the actions and the reconciler must
// share one queue.

const QUEUE = Symbol.for("storefront.ledger.unwritten");
type Holder = { [QUEUE]?: Map<string, Answer> };
const holder = globalThis as Holder;

/** Enough for a long outage at a busy shop; past it the reconciler learns the rest from Bolt again. */
const MAX_KEPT = 10_000;

function queue(): Map<string, Answer> {
  return (holder[QUEUE] ??= new Map());
}

export function keepUnwrittenAnswer(orderId: string, answer: Answer): void {
  const kept = queue();
  if (kept.size >= MAX_KEPT && !kept.has(orderId)) return;
  kept.set(orderId, answer);
}

/** One that fails again is kept again by the caller. */
export function takeUnwrittenAnswers(): [orderId: string, answer: Answer][] {
  const kept = queue();
  const taken = [...kept];
  kept.clear();
  return taken;
}
