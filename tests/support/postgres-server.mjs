// A throwaway Postgres for tests: a fresh cluster in a temporary directory, loopback only, on a free
// port, with durability off (fsync=off): nothing in it outlives the run.
import { spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { freePort } from "./redis-server.mjs";

export const POSTGRES_INSTALL_HINT =
  "Postgres's server programs (initdb, postgres) were not found on PATH or in /usr/lib/postgresql/<version>/bin. " +
  "Install them (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql) and retry.";

const SUPERUSER = "postgres";

/** The directory holding `initdb` and `postgres`: PATH first, then Debian's versioned directories, newest first. */
export function findPostgresBin() {
  const fromPath = (process.env.PATH ?? "").split(delimiter).filter(Boolean);
  const debianRoot = "/usr/lib/postgresql";
  const debian = existsSync(debianRoot)
    ? readdirSync(debianRoot)
        .filter((version) => /^\d+$/.test(version))
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => join(debianRoot, version, "bin"))
    : [];
  return [...fromPath, ...debian].find((dir) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "postgres")));
}

export function hasPostgres() {
  return findPostgresBin() !== undefined;
}

/**
 * Postgres refuses to run as root. As root, the cluster belongs to an unprivileged account: Debian's
 * `postgres` when it exists, `nobody` otherwise. Anyone else runs it as themselves.
 */
function serverAccount() {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ["postgres", "nobody"]) {
    const uid = spawnSync("id", ["-u", name], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", name], { encoding: "utf8" });
    if (uid.status === 0 && gid.status === 0) return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
  }
  throw new Error("Running as root, and neither a `postgres` nor a `nobody` account exists to run Postgres as.");
}

/** On Linux, `setpriv --pdeathsig` ends the server if the process that started it dies without stopping it. */
function parentDeathWrapper() {
  if (process.platform !== "linux") return [];
  return spawnSync("setpriv", ["--help"], { stdio: "ignore" }).status === 0
    ? ["setpriv", "--pdeathsig", "SIGQUIT", "--"]
    : [];
}

/**
 * Starts a new Postgres cluster and resolves once it accepts connections. `url` reaches its
 * `postgres` database as the superuser (trust authentication, loopback only); `restart()` stops and
 * starts it on the same data; `stop()` ends the server and deletes its files, and is safe to call twice.
 */
export async function startPostgres() {
  const bin = findPostgresBin();
  if (!bin) throw new Error(POSTGRES_INSTALL_HINT);
  const account = serverAccount();
  const dir = mkdtempSync(join(tmpdir(), "storefront-postgres-"));
  if (account) chownSync(dir, account.uid, account.gid);
  const data = join(dir, "data");
  const removeFiles = () => rmSync(dir, { recursive: true, force: true });

  const init = spawnSync(
    join(bin, "initdb"),
    ["-D", data, "-U", SUPERUSER, "--auth=trust", "--no-sync", "--no-instructions", "-E", "UTF8", "--locale=C"],
    { encoding: "utf8", ...account },
  );
  if (init.status !== 0) {
    removeFiles();
    throw new Error(`initdb failed (exit ${init.status}): ${(init.stderr || init.error?.message || "").trim()}`);
  }

  const port = await freePort();
  const [wrapper, ...wrapperArgs] = [...parentDeathWrapper(), join(bin, "postgres")];
  const args = [
    ...wrapperArgs,
    ...["-D", data, "-p", String(port), "-h", "127.0.0.1", "-k", ""],
    ...["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
  ];
  let server;
  // A run that ends without calling stop() (a crash, a forgotten teardown) still takes the server down.
  const onExit = () => {
    server?.child.kill("SIGQUIT");
    removeFiles();
  };
  process.once("exit", onExit);
  try {
    server = await launch(wrapper, args, account);
  } catch (error) {
    process.removeListener("exit", onExit);
    removeFiles();
    throw error;
  }

  let stopped;
  return {
    port,
    url: `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`,
    /**
     * Stops the server as an operator's restart does (open connections are cut, running transactions
     * rolled back), keeps it down `downMs`, then starts it again on the same port and data: what was
     * committed is still there.
     */
    async restart({ downMs = 0 } = {}) {
      await shutDown(server);
      await new Promise((resolve) => setTimeout(resolve, downMs));
      server = await launch(wrapper, args, account);
    },
    stop() {
      stopped ??= (async () => {
        process.removeListener("exit", onExit);
        await shutDown(server);
        removeFiles();
      })();
      return stopped;
    },
  };
}

/** Starts `postgres` and resolves once it accepts connections, to the child and its exit. */
async function launch(wrapper, args, account) {
  const child = spawn(wrapper, args, { stdio: ["ignore", "ignore", "pipe"], ...account });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  let log = "";
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Postgres did not start within 30 s:\n${log}`)), 30_000);
      child.stderr.setEncoding("utf8");
      child.stderr.on("data", (chunk) => {
        log = (log + chunk).slice(-4000);
        if (log.includes("database system is ready to accept connections")) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`Postgres exited during start-up (exit ${code}):\n${log}`));
      });
    });
  } catch (error) {
    child.kill("SIGKILL");
    await exited;
    throw error;
  }
  return { child, exited };
}

/** Fast shutdown: open connections are closed, running transactions rolled back. */
async function shutDown({ child, exited }) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGINT");
  const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(killer);
}

/** A throwaway Postgres with the ledger's schema applied by `npm run db:migrate`, as a deploy would. */
export async function startLedgerPostgres() {
  const server = await startPostgres();
  const migrate = spawnSync("npm", ["run", "--silent", "db:migrate"], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: server.url },
  });
  if (migrate.status !== 0) {
    await server.stop();
    throw new Error(`npm run db:migrate failed (exit ${migrate.status}): ${migrate.stderr || migrate.stdout}`);
  }
  return server;
}
