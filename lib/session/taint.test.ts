import { createRequire } from "node:module";
import { PassThrough } from "node:stream";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createElement, type ReactNode } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { sealedCookie } from "./testing/sealed-cookie";
import { FLIGHT_SERVER } from "@/tests/setup/react-server-modules.mjs";
import { withAccessToken } from "./upkeep";
import { getAccessTokenForRender, getSessionView } from "./view";

// React's taint API, under React's server build (the unit project runs on the React Next gives server
// modules with `experimental.taint` on, see tests/setup): the session's tokens, as lib/session hands them
// to pages and actions, can't be serialized for the browser. Rendered with Next's own Flight server,
// as a page or an action's answer is; a Client Component is a client reference, as Next compiles
// "use client". Remove the taint (lib/session/taint.ts) and these fail: the token reaches the payload.

type FlightServer = {
  registerClientReference<T>(proxy: T, id: string, exportName: string): T;
  renderToPipeableStream(
    model: unknown,
    bundlerConfig: Record<string, { id: string; chunks: string[]; name: string }>,
    options: { onError(error: unknown): void },
  ): { pipe(destination: NodeJS.WritableStream): void };
};
const flight = createRequire(import.meta.url)(FLIGHT_SERVER) as FlightServer;

const request = vi.hoisted(() => ({ cookies: new Map<string, string>() }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name) ?? "" } : undefined),
    set: () => undefined,
  }),
  headers: async () => new Headers(),
}));
const jar = { read: (name: string) => request.cookies.get(name), write: () => undefined };

/** What a "use client" component is on the server: a reference, rendered in the browser only. */
const AccountBadge = flight.registerClientReference(
  (_props: { label: string }): ReactNode => {
    throw new Error("a client component never runs on the server");
  },
  "components/account/account-badge.tsx",
  "AccountBadge",
);
const CLIENT_MANIFEST = {
  "components/account/account-badge.tsx#AccountBadge": {
    id: "components/account/account-badge.tsx",
    chunks: [],
    name: "AccountBadge",
  },
};

/** Serializes `model` as Next does for a page or an action's answer: the payload and every error. */
async function serialize(model: unknown): Promise<{ payload: string; errors: string[] }> {
  const errors: string[] = [];
  const out = new PassThrough();
  let payload = "";
  out.on("data", (chunk: Buffer) => (payload += chunk.toString()));
  const done = new Promise((resolve) => out.on("end", resolve));
  flight
    .renderToPipeableStream(model, CLIENT_MANIFEST, {
      onError: (error) => void errors.push(error instanceof Error ? error.message : String(error)),
    })
    .pipe(out);
  await done;
  return { payload, errors };
}

const TAINTED = expect.stringMatching(/^A Bolt access or refresh token was about to be sent to the browser/);

let session: Awaited<ReturnType<typeof sealedCookie>>["session"];

beforeEach(async () => {
  request.cookies.clear();
  const sealed = await sealedCookie();
  session = sealed.session;
  request.cookies.set("bolt_session", sealed.cookie.slice("bolt_session=".length));
});

describe("the session's tokens are tainted", () => {
  it("a page passing the access token to a Client Component fails to render it, and the token stays out", async () => {
    async function LeakyPage() {
      return createElement(AccountBadge, { label: (await getAccessTokenForRender()) ?? "none" });
    }
    const { payload, errors } = await serialize(createElement(LeakyPage));
    expect(errors).toEqual([TAINTED]);
    expect(payload).not.toContain(session.accessToken);
  });

  it("the same page passing what it may (the session view) renders, so the harness itself lets props through", async () => {
    async function AccountPage() {
      const view = await getSessionView();
      return createElement(AccountBadge, { label: view.signedIn ? view.email : "guest" });
    }
    const { payload, errors } = await serialize(createElement(AccountPage));
    expect(errors).toEqual([]);
    expect(payload).toContain("alice@example.com");
  });

  it.each([
    ["the access token", (s: { accessToken: string }) => s.accessToken],
    ["the refresh token", (s: { refreshToken: string }) => s.refreshToken],
    ["the whole session", (s: object) => s],
  ])("a server action answering with %s fails, and the token stays out", async (_what, pick) => {
    const answer = await withAccessToken(jar, "view", async (_token, current) => pick(current));
    const { payload, errors } = await serialize({ result: answer });
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error).toEqual(TAINTED);
    expect(payload).not.toContain(session.accessToken);
    expect(payload).not.toContain(session.refreshToken);
  });
});

describe("the taint lasts one request", () => {
  it("is forgotten once the request's session is collected, so nothing accumulates across requests", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    // Outside a render, as at the end of a request: the session object read for it is unreachable.
    const token = (await getAccessTokenForRender()) ?? "";
    expect((await serialize({ token })).errors).toEqual([TAINTED]);
    let errors: string[] = [TAINTED];
    for (let round = 0; round < 20 && errors.length > 0; round++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
      ({ errors } = await serialize({ token }));
    }
    expect(errors).toEqual([]);
  });
});
