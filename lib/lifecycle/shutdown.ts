import "server-only";
import { errorFields, log } from "@/lib/log/logger";
import { closeServers, inFlightCount } from "./requests";
import { letGoOfWaitingWork } from "./stop-signal";

/** Docker and Kubernetes send SIGKILL 10 s after SIGTERM by default; a stop ends well before. */
export const STOP_DEADLINE_MS = 10_000;
/** Requests still waiting then (on Bolt) are let go: a payment among them stays unconfirmed, for the reconciler. */
export const LET_GO_AFTER_MS = 6_000;
/** Whatever is still open then is left to the exit, which a SIGKILL would otherwise do less tidily. */
const GIVE_UP_AFTER_MS = STOP_DEADLINE_MS - 1_000;

export type StopSteps = {
  /** Called at once; resolves when what it started has ended. */
  stopBackgroundWork(): Promise<void>;
  /** Each once no request is in flight. */
  release: Record<string, () => Promise<void>>;
};

/**
 * Replaces Next's own handler (with NEXT_MANUAL_SIG_HANDLE set), which exits without a deadline and
 * without closing the storefront's resources.
 */
export function stopOnSignals(steps: StopSteps): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    void stop(signal, steps);
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}

async function stop(signal: NodeJS.Signals, steps: StopSteps): Promise<void> {
  const started = Date.now();
  log.info("stopping", { signal, inFlight: inFlightCount() });
  const giveUp = setTimeout(() => {
    log.error("stopping took too long: exiting with work still open", { inFlight: inFlightCount() });
    process.exit(1);
  }, GIVE_UP_AFTER_MS);
  const letGo = setTimeout(() => {
    log.warn("stopping: letting go of requests still waiting", { inFlight: inFlightCount() });
    letGoOfWaitingWork();
  }, LET_GO_AFTER_MS);
  await Promise.all([closeServers(), steps.stopBackgroundWork()]);
  clearTimeout(letGo);
  await Promise.all(
    Object.entries(steps.release).map(([name, release]) =>
      release().catch((error: unknown) => log.warn(`stopping: closing ${name} failed`, errorFields(error))),
    ),
  );
  clearTimeout(giveUp);
  log.info("stopped", { ms: Date.now() - started });
  process.exit(0);
}
