import "server-only";
import { EnvError, getEnv } from "@/lib/env";
import { exitOn } from "./exit-on";

/** Stops the server at start-up when a variable is missing or malformed, naming each one. */
export function exitOnBadEnv(): void {
  exitOn(EnvError, getEnv);
}
