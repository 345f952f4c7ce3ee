import { objectId } from "../ids";
import type { FaultRule } from "./fault-rule";

export type ActiveFault = FaultRule & { id: string; remaining: number };

/** `/v1/account/*` matches every path under `/v1/account/`; any other path must match exactly. */
export function pathMatches(pattern: string, path: string): boolean {
  return pattern.endsWith("*") ? path.startsWith(pattern.slice(0, -1)) : pattern === path;
}

/** Fault rules in the order they were added; the first that matches a request applies, `times` times at most. */
export class FaultStore {
  private rules: ActiveFault[] = [];

  constructor(initial: FaultRule[] = []) {
    for (const rule of initial) this.add(rule);
  }

  add(rule: FaultRule): string {
    const id = objectId();
    this.rules.push({ ...rule, id, remaining: rule.times ?? Number.POSITIVE_INFINITY });
    return id;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length !== before;
  }

  get(id: string): ActiveFault | undefined {
    return this.rules.find((rule) => rule.id === id);
  }

  clear(): void {
    this.rules = [];
  }

  /** Finds the rule for this request and uses up one of its `times`. */
  take(request: { method: string; path: string; shopper?: string }): ActiveFault | undefined {
    const rule = this.rules.find(
      (candidate) =>
        pathMatches(candidate.path, request.path) &&
        (!candidate.method || candidate.method === request.method) &&
        (!candidate.email || candidate.email === request.shopper),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.remove(rule.id);
    return rule;
  }
}
