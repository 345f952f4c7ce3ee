// Small statistics shared by the figures: percentiles, run summaries, and budget checks.

/** The q-quantile (0..1) with linear interpolation between the two nearest ranks. */
export function percentile(values, q) {
  if (values.length === 0) throw new Error("percentile of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const rank = q * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

/** Median and spread of one figure's runs: min/max and the interquartile range. */
export function summarize(values) {
  return {
    median: percentile(values, 0.5),
    min: Math.min(...values),
    max: Math.max(...values),
    q1: percentile(values, 0.25),
    q3: percentile(values, 0.75),
    n: values.length,
  };
}

const COMPARE = {
  "<=": (a, b) => a <= b,
  "<": (a, b) => a < b,
  ">=": (a, b) => a >= b,
  "==": (a, b) => a === b,
};

/**
 * A row of the results table: a measured value per run, optionally paired run by run with a
 * reference from the same run, so ratios and differences never mix runs. `budget` names what it
 * bounds (`value`, `ratio` or `delta`), which statistic of the runs (`median`, or `all` when every
 * run must hold), the comparison and the limit. `compare` picks what the table shows beside the
 * reference: the ratio, or the difference (the default when that is what the budget bounds).
 */
export function row({ metric, unit, values, references, referenceLabel, budget, note, compare }) {
  const paired = references !== undefined;
  if (paired && references.length !== values.length)
    throw new Error(`${metric}: ${values.length} values, ${references.length} references`);
  const perRun = {
    value: values,
    reference: references,
    ratio: paired ? values.map((value, i) => value / references[i]) : undefined,
    delta: paired ? values.map((value, i) => value - references[i]) : undefined,
  };
  const summaries = Object.fromEntries(
    Object.entries(perRun).map(([key, runs]) => [key, runs ? summarize(runs) : null]),
  );
  return {
    metric,
    unit,
    ...summaries,
    referenceLabel: referenceLabel ?? null,
    compare: compare ?? (budget?.on === "delta" ? "delta" : "ratio"),
    budget: budget ?? null,
    pass: budget ? judge(budget, perRun[budget.on], summaries[budget.on]) : null,
    runs: { values, references: references ?? null },
    note: note ?? null,
  };
}

function judge({ stat, op, limit }, runs, summary) {
  const holds = (x) => COMPARE[op](x, limit);
  return stat === "all" ? runs.every(holds) : holds(summary[stat]);
}

/** A budget on one statistic of a row; `text` is how the table states it. */
export function budget(text, on, stat, op, limit) {
  return { text, on, stat, op, limit };
}
