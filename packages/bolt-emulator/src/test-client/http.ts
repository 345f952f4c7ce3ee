// One HTTP call to the emulator as a test makes it: JSON or form body in, status, headers, text and
// (when it parses) JSON out. Tests that probe a route's refusals read the answer as it is.

export type Json = Record<string, unknown>;
export type Answer = { status: number; headers: Headers; text: string; body: Json };

export type CallInit = {
  method?: string;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  body?: string;
};

export async function call(url: string, init: CallInit = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  let body = init.body;
  if (init.json !== undefined) {
    headers["Content-Type"] ??= "application/json";
    body = JSON.stringify(init.json);
  }
  if (init.form) {
    headers["Content-Type"] ??= "application/x-www-form-urlencoded";
    body = new URLSearchParams(init.form).toString();
  }
  const response = await fetch(url, { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, body });
  const text = await response.text();
  let parsed: Json = {};
  try {
    parsed = text ? (JSON.parse(text) as Json) : {};
  } catch {
    // not JSON: tests that care read `text`
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}
