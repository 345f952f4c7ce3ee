// `npm run admin:password`: prints the scrypt hash of the order desk's password, for ADMIN_PASSWORD_HASH.
// The password comes from a prompt that does not echo it (asked twice), or from stdin when piped:
//   npm run --silent admin:password                       # asks
//   printf %s "$DESK_PASSWORD" | npm run --silent admin:password
import { hashPassword, MAX_PASSWORD_LENGTH } from "@/lib/admin/password";

const MIN_LENGTH = 12;
/** The README's demo password, whose hash is in .env.development: never a real one. */
const DEMO_PASSWORD = "admin-demo-password";

class Cancelled extends Error {}

/** Reads a line from the terminal without echoing it; Ctrl-C cancels. */
function promptHidden(question: string): Promise<string> {
  const { stdin, stderr } = process;
  stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  stdin.resume();
  let typed = "";
  return new Promise((resolve, reject) => {
    const finish = (then: () => void) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write("\n");
      then();
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n") return finish(() => resolve(typed));
        if (char === "\u0003" || char === "\u0004") return finish(() => reject(new Cancelled()));
        typed = char === "\u007f" || char === "\b" ? typed.slice(0, -1) : typed + char;
      }
    };
    stdin.on("data", onData);
  });
}

/** Everything piped in, without the one line ending `echo` adds. */
async function readPiped(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) text += String(chunk);
  return text.replace(/\r?\n$/, "");
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readPiped();
  const first = await promptHidden("Order desk password: ");
  const again = await promptHidden("The same again: ");
  if (first !== again) throw new Error("The two passwords differ; nothing was printed.");
  return first;
}

function problemWith(password: string): string | undefined {
  if (password.length < MIN_LENGTH) return `The password needs at least ${MIN_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `The password can have at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (password === DEMO_PASSWORD) return "That is the README's demo password; choose your own.";
  return undefined;
}

try {
  const password = await readPassword();
  const problem = problemWith(password);
  if (problem) throw new Error(problem);
  process.stdout.write(`${await hashPassword(password)}\n`);
  if (process.stdout.isTTY) {
    process.stderr.write("Set it as ADMIN_PASSWORD_HASH (in .env.local, or your secret store).\n");
  }
} catch (error) {
  if (!(error instanceof Cancelled)) process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
  process.exitCode = 1;
}
