import { readFileSync } from "node:fs";
import type { Route } from "../http/router";

/** A file of this folder, read once at start-up and served as is. */
export function staticFile(name: string, contentType: string, cacheControl: string): Route["handler"] {
  const body = readFileSync(new URL(`./${name}`, import.meta.url));
  const headers = {
    "Content-Type": contentType,
    "Cache-Control": cacheControl,
  };
  return () => ({ status: 200, headers, body });
}
