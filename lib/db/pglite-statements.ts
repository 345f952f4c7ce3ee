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

type Field = { name: string; dataTypeID: number };

type Statement = {
  name: string;
  paramTypes: number[];
  /** Empty for a statement that returns no rows. */
  fields: Field[];
};

const { serialize, messages: backend } = protocol;

/** The commands whose row count PGlite adds up as `affectedRows`. */
const CHANGES_ROWS = new Set(["INSERT", "UPDATE", "DELETE", "COPY", "MERGE"]);

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
    const description = messages.find((message) => message instanceof backend.RowDescriptionMessage);
    const statement = {
      name,
      paramTypes: parse.parseDescribeStatementResults(messages),
      fields: description?.fields.map(({ name, dataTypeID }) => ({ name, dataTypeID })) ?? [],
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
    return results(statement.fields, messages, options);
  }

  /**
   * As PGlite's own parseResults, which merges every parser it knows with the caller's on each call:
   * here each column's parser is looked up once per query.
   */
  function results(fields: Field[], messages: BackendMessage[], options: QueryOptions | undefined): Results {
    const parsers = fields.map(({ dataTypeID }) => options?.parsers?.[dataTypeID] ?? pg.parsers[dataTypeID]);
    const value = (text: string | null, column: number) => {
      const parser = parsers[column];
      return text === null || !parser ? text : parser(text, fields[column]!.dataTypeID);
    };
    const rows: Results["rows"] = [];
    const counted: { command?: string; rowCount?: number } = {};
    let affectedRows = 0;
    for (const message of messages) {
      if (message instanceof backend.DataRowMessage) {
        const cells = message.fields;
        rows.push(
          options?.rowMode === "array"
            ? cells.map(value)
            : Object.fromEntries(cells.map((text, column) => [fields[column]!.name, value(text, column)])),
        );
      } else if (message instanceof backend.CommandCompleteMessage) {
        const [command, ...counts] = message.text.split(" ");
        const count = Number(counts.at(-1));
        counted.command = command;
        if (!Number.isNaN(count)) counted.rowCount = count;
        if (CHANGES_ROWS.has(command!)) affectedRows += count;
      }
    }
    return { rows, fields, ...counted, affectedRows };
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
