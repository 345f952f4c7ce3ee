import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/admin/password";

// `npm run admin:password` with the password piped in, as a deploy script would run it.

function run(input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn("npx", ["tsx", "--conditions=react-server", "scripts/admin-password.ts"], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  child.stdin.end(input);
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

describe("npm run admin:password", () => {
  it("prints one line, the hash of the password piped in, and nothing of the password", async () => {
    const { code, stdout, stderr } = await run("a store's own desk password\n");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^scrypt:32768:8:1:[\w-]+:[\w-]+\n$/);
    expect(await verifyPassword("a store's own desk password", stdout.trim())).toBe(true);
    expect(stdout + stderr).not.toContain("own desk password");
  }, 30_000);

  it.each([
    ["a short password", "too-short", /at least 12 characters/],
    ["the README's demo password", "admin-demo-password", /demo password; choose your own/],
  ])(
    "refuses %s, printing no hash",
    async (_case, password, message) => {
      const { code, stdout, stderr } = await run(password);
      expect(code).toBe(1);
      expect(stdout).toBe("");
      expect(stderr).toMatch(message);
    },
    30_000,
  );
});
