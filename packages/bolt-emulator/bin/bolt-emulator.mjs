#!/usr/bin/env node
// `bolt-emulator`: the Bolt emulator as its own process, configured from BOLT_EMULATOR_* variables.
// Its source is TypeScript; tsx compiles it on load, in this process, so signals reach it directly.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
