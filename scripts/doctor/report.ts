import type { CheckResult } from "./checks";

const MARK = { pass: "✓", fail: "✗", skipped: "–" } as const;

/** The table `npm run doctor` prints: one line per check, each failure followed by its fix. */
export function formatReport(results: CheckResult[]): string {
  const width = Math.max(...results.map((result) => result.name.length));
  const lines = ["The storefront's environment, checked against the Bolt it points at:", ""];
  for (const result of results) {
    lines.push(`  ${MARK[result.status]}  ${result.name.padEnd(width)}  ${result.detail}`);
    if (result.fix) lines.push(`     ${" ".repeat(width)}  Fix: ${result.fix}`);
  }
  const failed = results.filter((result) => result.status === "fail").length;
  lines.push(
    "",
    failed === 0
      ? `All ${results.length} checks passed.`
      : `${failed} of ${results.length} checks failed: fix ${failed === 1 ? "it" : "them"} and run npm run doctor again.`,
  );
  return lines.join("\n");
}

export function allPassed(results: CheckResult[]): boolean {
  return results.every((result) => result.status === "pass");
}
