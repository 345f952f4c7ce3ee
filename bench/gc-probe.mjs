// Loaded into the bench storefront (`node --import`): on SIGUSR2 it runs a full garbage collection and
// writes process.memoryUsage() to a file, so the memory figure can tell a leak from a heap V8 has
// merely grown. It changes nothing else in the server.
import inspector from "node:inspector";
import { renameSync, writeFileSync } from "node:fs";

let session;

process.on("SIGUSR2", () => {
  // Kept open: disconnecting inside the post callback stalls Node's event loop.
  if (!session) {
    session = new inspector.Session();
    session.connect();
  }
  // The DevTools protocol's collectGarbage, unlike gc(), also hands the freed pages back to the OS.
  session.post("HeapProfiler.collectGarbage", () => {
    const file = process.env.BENCH_GC_PROBE_FILE;
    // Written whole, then renamed, so the bench never reads half a file.
    writeFileSync(`${file}.tmp`, JSON.stringify(process.memoryUsage()));
    renameSync(`${file}.tmp`, file);
  });
});
