import { vi } from "vitest";

export type LoggedLine = Record<string, unknown> & { level: string; msg: string };

/** Keeps what the storefront's logger writes to stdout from here on, instead of printing it. */
export function captureLog() {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  });
  const text = () => written.join("");
  return {
    /** Everything written, as written. */
    text,
    lines: (): LoggedLine[] =>
      text()
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as LoggedLine),
    restore: () => spy.mockRestore(),
  };
}
