// Watches what a card number must never reach: the storefront's own requests and answers (HTML, RSC,
// action payloads) as the browser sees them, and the storefront server's output.
import { readFile } from "node:fs/promises";
import type { BrowserContext } from "@playwright/test";
import { TEST_CARD_NUMBERS } from "bolt-emulator/test-client";
import { TEST_PAIRS } from "../../tests/support/test-env.mjs";
import type { Profile } from "./fixtures";

/** Every number the tests type into Bolt's field, including ones the field refuses. */
export const TYPED_CARD_NUMBERS = [...Object.values(TEST_CARD_NUMBERS), "4111111111111005", "5555555555554444"];

/** The numbers found in `text`, however they were grouped (spaces or dashes, as typed or formatted). */
export function cardNumbersIn(text: string): string[] {
  const digitsOnly = text.replace(/(?<=\d)[ -](?=\d)/g, "");
  return TYPED_CARD_NUMBERS.filter((number) => digitsOnly.includes(number));
}

export type StorefrontTraffic = {
  /** Requests the browser sent to the storefront's origin, from every tab of the context. */
  requests: number;
  /** Everything those requests and their answers carried: URLs, headers, bodies. */
  text(): Promise<string>;
};

export function watchStorefront(context: BrowserContext, origin: string): StorefrontTraffic {
  const seen: Array<string | Promise<string>> = [];
  let requests = 0;
  context.on("request", (request) => {
    if (new URL(request.url()).origin !== origin) return;
    requests += 1;
    seen.push(request.url(), JSON.stringify(request.headers()), request.postData() ?? "");
  });
  context.on("response", (response) => {
    if (new URL(response.url()).origin !== origin || response.status() >= 300) return;
    seen.push(response.text().catch(() => ""));
  });
  return {
    get requests() {
      return requests;
    },
    text: async () => (await Promise.all(seen)).join("\n"),
  };
}

/** What the storefront of this profile has written to its log so far. */
export function storefrontLog(profile: Profile): Promise<string> {
  const pair = TEST_PAIRS[profile === "sandbox" ? 1 : 0];
  if (!pair) throw new Error(`no test servers for the ${profile} profile`);
  return readFile(pair.app.log, "utf8");
}
