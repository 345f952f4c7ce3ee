import { readFileSync } from "node:fs";
import { validate } from "dockerfile-utils";
import { describe, expect, it } from "vitest";

// Docker can't run in CI, so the image is checked as text: by the Dockerfile linter VS Code's Docker
// extension uses, and for the promises docs/operations.md makes about it.
const dockerfile = readFileSync(new URL("../../Dockerfile", import.meta.url), "utf8");

/** The instructions of the last stage, the image that runs: continuation lines joined. */
function runnerStage(text: string): string[] {
  const instructions = text
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  const lastFrom = instructions.findLastIndex((line) => line.startsWith("FROM "));
  return instructions.slice(lastFrom);
}

describe("the Dockerfile", () => {
  it("passes the linter, which names what is wrong in a broken one", () => {
    expect(validate(dockerfile, {})).toEqual([]);
    const broken = validate("RUN npm ci\nEXPOSE web\n", {}).map((problem) => problem.message);
    expect(broken).toEqual(["No source image provided with `FROM`", "Invalid containerPort: web"]);
  });

  it("runs the standalone server on Node 24 slim, as a non-root user, checked on readiness", () => {
    const runner = runnerStage(dockerfile);
    expect(runner[0]).toMatch(/^FROM node:24-slim AS runner$/);
    expect(runner.filter((line) => line.startsWith("COPY"))).toEqual(["COPY --from=build /app/.next/standalone ./"]);
    expect(runner).toContain("USER node");
    expect(runner.findIndex((line) => line === "USER node")).toBeLessThan(
      runner.findIndex((line) => line.startsWith("CMD")),
    );
    expect(runner.find((line) => line.startsWith("HEALTHCHECK"))).toContain("/api/ready");
    expect(runner.at(-1)).toBe('CMD ["node", "server.js"]');
  });

  it("migrates in an image of its own, never when the server starts", () => {
    expect(dockerfile).toMatch(/^FROM deps AS migrate$/m);
    expect(runnerStage(dockerfile).join("\n")).not.toContain("migrate");
  });
});
