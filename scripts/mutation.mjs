#!/usr/bin/env node
// `npm run mutation [-- <stryker options>]`: StrykerJS over the money path (stryker.config.mjs), then
// the scores per file, the surviving mutants, the date, the machine and the run's duration written
// between the markers of docs/mutation.md (the reasons written by hand around them stay). `-- --force`
// runs every mutant, not only those whose code or tests changed since the last run.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";

const REPORT = ".mutation/report.json";
const DOC = "docs/mutation.md";
const BEGIN = "<!-- mutation:begin (written by npm run mutation) -->";
const END = "<!-- mutation:end -->";

const started = Date.now();
const args = process.argv.slice(2);
// Stryker's output is shown as it comes, and kept: it says whether the run reused the last one's results.
let output = "";
const stryker = spawn("npx", ["--no", "stryker", "run", ...args], { stdio: ["inherit", "pipe", "inherit"] });
stryker.stdout.on("data", (chunk) => {
  output += chunk;
  process.stdout.write(chunk);
});
const status = await new Promise((resolve) => stryker.on("close", resolve));
if (status !== 0) process.exit(status ?? 1);
const minutes = Math.round((Date.now() - started) / 60_000);
// Without the colours of Stryker's log.
const reusedLine = /(\d+) of (\d+) mutant result\(s\) are reused/.exec(output.replace(/\u001b\[[\d;]*m/g, ""));
const reused = reusedLine ? Math.round((100 * Number(reusedLine[1])) / Number(reusedLine[2])) : 0;

const DETECTED = new Set(["Killed", "Timeout"]);
const COUNTED = new Set(["Killed", "Timeout", "Survived", "NoCoverage"]);

function tally(mutants) {
  const count = (status) => mutants.filter((mutant) => mutant.status === status).length;
  const counted = mutants.filter((mutant) => COUNTED.has(mutant.status)).length;
  const detected = mutants.filter((mutant) => DETECTED.has(mutant.status)).length;
  return {
    mutants: counted,
    killed: count("Killed"),
    timeout: count("Timeout"),
    survived: count("Survived"),
    noCoverage: count("NoCoverage"),
    score: counted === 0 ? 100 : (100 * detected) / counted,
  };
}

const report = JSON.parse(readFileSync(REPORT, "utf8"));
const files = Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b));
const ignored = files.flatMap(([, { mutants }]) => mutants).filter((mutant) => mutant.status === "Ignored").length;
const cells = (name, t) =>
  `| ${name} | ${t.mutants} | ${t.killed} | ${t.timeout} | ${t.survived} | ${t.noCoverage} | ${t.score.toFixed(1)}% |`;
const cpus = os.cpus();
const lines = [
  BEGIN,
  "",
  `Run on ${new Date().toISOString().slice(0, 10)}: ${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"}, ` +
    `${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}; ` +
    `${ignored} static mutants ignored (stryker.config.mjs says why); ` +
    `${reused > 0 ? `incremental (${reused}% of the mutants' results reused), ` : ""}took ${minutes} min. Score: mutants detected (killed, or timed out) of those ` +
    "counted (killed, timed out, survived, no test covering them).",
  "",
  "| File | Mutants | Killed | Timed out | Survived | No coverage | Score |",
  "|---|---|---|---|---|---|---|",
  ...files.map(([file, { mutants }]) => cells(`\`${file}\``, tally(mutants))),
  cells("**Total**", tally(files.flatMap(([, { mutants }]) => mutants))),
  "",
  "Surviving mutants (file:line, Stryker's mutator, the code it put in):",
  "",
  ...files.flatMap(([file, { mutants }]) =>
    mutants
      .filter((mutant) => mutant.status === "Survived" || mutant.status === "NoCoverage")
      .sort((a, b) => a.location.start.line - b.location.start.line)
      .map(
        (mutant) =>
          `- \`${file}:${mutant.location.start.line}\` ${mutant.mutatorName}` +
          `${mutant.status === "NoCoverage" ? " (no test covers it)" : ""}: \`${oneLine(mutant.replacement)}\``,
      ),
  ),
  "",
  END,
];

function oneLine(code = "") {
  const flat = code.replace(/\s+/g, " ").replaceAll("`", "'");
  return flat.length > 100 ? `${flat.slice(0, 97)}…` : flat;
}

const doc = readFileSync(DOC, "utf8");
const at = doc.indexOf(BEGIN);
const end = doc.indexOf(END);
if (at < 0 || end < at) throw new Error(`${DOC} has no ${BEGIN} … ${END} section`);
writeFileSync(DOC, `${doc.slice(0, at)}${lines.join("\n")}${doc.slice(end + END.length)}`);
console.info(`Wrote the scores to ${DOC}.`);
