import { readFileSync } from "node:fs";
import type { Reply } from "../http/reply";
import { answersOf } from "../profile";
import type { Emulator } from "../state";

const SOURCE = readFileSync(new URL("./embed.js", import.meta.url), "utf8");
// `const VARIANT = /* variant */ {…};`: the object after the marker, up to the semicolon.
const VARIANT = /(?<=\/\* variant \*\/ )\{[^;]*\}/;
if (!VARIANT.test(SOURCE)) throw new Error("embed.js has lost its `/* variant */ {…};` marker.");

/** embed.js, with the profile's variants written in: where Bolt's account host is, and whether `Bolt.helpers` exists. */
export function embedScript(_request: unknown, emulator: Emulator): Reply {
  const variant = {
    assetsPort: emulator.assetsPort ?? null,
    legacyHelpers: answersOf(emulator.settings.profile).legacyHelpers,
  };
  return {
    status: 200,
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
    },
    body: SOURCE.replace(VARIANT, JSON.stringify(variant)),
  };
}
