import "server-only";
import { parse, protocol, type PGlite, type QueryOptions, type Results, type Transaction } from "@electric-sql/pglite";

// PGlite's query() parses, plans and describes its SQL again on every call, in six calls into the
// database: most of the cost of a short statement. Here each distinct SQL text is parsed once as a
// named statement, as a Postgres driver's prepared statements are, and a query is then one call:
// bind, execute, sync. Results, errors and locking are PGlite's own.

/** The ledger runs a few dozen distinct statements; beyond this many the least recently used is closed. */
export const MAX_STATEMENTS = 200;

/** A query on a transaction that has ended: the code leaked its handle. */
export class TransactionClosedError extends Error {
  override name = "TransactionClosedError";

  constructor() {
    super("The transaction has ended; a query cannot run in it.");
  }
}

type BackendMessage = Awaited<ReturnType<PGlite["execProtocol"]>>["messages"][number];

type Statement = {
  name: string;
  paramTypes: number[];
  /** Absent for a statement that returns no rows. */
  rowDescription: BackendMessage | undefined;
};

const { serialize } = protocol;

function concat(parts: Uint8Array[]): Uint8Array {
  const message = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    message.set(part, offset);
    offset += part.length;
  }
  return message;
}

/** `pg` as drizzle uses it, its queries and transactions through prepared statements. */
export function withPreparedStatements(pg: PGlite): PGlite {
  const statements = new Map<string, Statement>();
  let named = 0;

  async function prepared(text: string, options: QueryOptions | undefined): Promise<Statement> {
    const kept = statements.get(text);
    if (kept) {
      // Most recently used last, so the first key is the one to close.
      statements.delete(text);
      statements.set(text, kept);
      return kept;
    }
    const closing: Uint8Array[] = [];
    for (const [oldest, { name }] of statements) {
      if (statements.size < MAX_STATEMENTS) break;
      statements.delete(oldest);
      closing.push(serialize.close({ type: "S", name }));
    }
    const name = `s${++named}`;
    const { messages } = await pg.execProtocol(
      concat([
        ...closing,
        serialize.parse({ name, text, types: options?.paramTypes }),
        serialize.describe({ type: "S", name }),
        serialize.sync(),
      ]),
    );
    const statement = {
      name,
      paramTypes: parse.parseDescribeStatementResults(messages),
      rowDescription: messages.find((message) => message.name === "rowDescription"),
    };
    statements.set(text, statement);
    return statement;
  }

  async function run(text: string, params: unknown[], options: QueryOptions | undefined, inTransaction: boolean) {
    const statement = await prepared(text, options);
    const values = params.map((value, index) => {
      if (value === null || value === undefined) return null;
      const type = statement.paramTypes[index]!;
      const serializer = options?.serializers?.[type] ?? pg.serializers[type];
      return serializer ? serializer(value) : String(value);
    });
    const { messages } = await pg.execProtocol(
      concat([serialize.bind({ statement: statement.name, values }), serialize.execute({}), serialize.sync()]),
      // As PGlite's query(): the data directory is written once a transaction ends.
      { syncToFs: !inTransaction },
    );
    const described = statement.rowDescription ? [statement.rowDescription, ...messages] : messages;
    return parse.parseResults(described, pg.parsers, options)[0]!;
  }

  function query<T>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    // Outside a transaction a query waits for any open one to end, as PGlite's own does.
    return pg._runExclusiveTransaction(() =>
      pg.runExclusive(() => run(text, params, options, false) as Promise<Results<T>>),
    );
  }

  function transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return pg.transaction((tx) => {
      const preparing: Transaction = Object.assign(Object.create(tx) as Transaction, {
        async query<R>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<R>> {
          if (tx.closed) throw new TransactionClosedError();
          return pg.runExclusive(() => run(text, params, options, true) as Promise<Results<R>>);
        },
      });
      return work(preparing);
    });
  }

  return new Proxy(pg, {
    get(target, property) {
      if (property === "query") return query;
      if (property === "transaction") return transaction;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
