/**
 * A faster `query` for drizzle on PGlite. PGlite's own sends every statement as six calls into
 * WebAssembly (Parse, Describe, Bind, Describe, Execute, Sync), so Postgres parses and plans it
 * afresh each time, and then copies its whole type-parser table to read the rows. Here each
 * statement text is parsed once as a named prepared statement; after that one call sends
 * Bind/Execute/Sync, and the rows are read with parsers looked up once per statement.
 *
 * It keeps PGlite's rules: one query at a time, none beside a transaction (its two mutexes), a
 * failed statement answered by Sync in the same call (the connection stays usable; inside a
 * transaction, the transaction is aborted, as in Postgres), the error decorated as PGlite does.
 */
import { type PGlite, type QueryOptions, type Results, type Transaction, protocol } from '@electric-sql/pglite';

const { serialize } = protocol;
type BackendMessage = Awaited<ReturnType<PGlite['execProtocolStream']>>[number];
type Parser = (value: string, typeId: number) => unknown;
type Serializer = (value: unknown) => string;
type Field = { name: string; dataTypeID: number };

interface Statement {
  name: string;
  paramTypes: number[];
  serializers: (Serializer | undefined)[];
  fields: Field[];
  parsers: (Parser | undefined)[];
}

/** What drizzle's PGlite session calls: the client and, inside `transaction`, its transaction. */
export interface QueryClient {
  query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(text: string, options?: QueryOptions): Promise<Results[]>;
}
export interface PreparedClient extends QueryClient {
  transaction<T>(callback: (tx: QueryClient & Pick<Transaction, 'rollback' | 'closed'>) => Promise<T>): Promise<T>;
}

/** Statements kept prepared; the oldest unused beyond this is closed (texts built with literals must not grow it without end). */
const MAX_STATEMENTS = 500;

/** One per PGlite: statement names belong to its one session. */
const clients = new WeakMap<PGlite, PreparedClient>();

export function preparedClient(client: PGlite): PreparedClient {
  let prepared = clients.get(client);
  if (!prepared) clients.set(client, (prepared = createPreparedClient(client)));
  return prepared;
}

function createPreparedClient(client: PGlite): PreparedClient {
  const statements = new Map<string, Statement>();
  let closing: Uint8Array[] = [];
  let counter = 0;

  async function call(messages: Uint8Array[], text: string, params: unknown[], options: QueryOptions | undefined) {
    try {
      return await client.execProtocolStream(concat(messages), { syncToFs: false, ...(options?.onNotice ? { onNotice: options.onNotice } : {}) });
    } catch (error) {
      if (error instanceof Error && 'severity' in error) Object.assign(error, { query: text, params, queryOptions: options });
      throw error;
    }
  }

  async function prepare(text: string, params: unknown[], options: QueryOptions | undefined): Promise<Statement> {
    const name = `guichet_${++counter}`;
    const messages = [...closing, serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()];
    closing = [];
    let paramTypes: number[] = [];
    let fields: Field[] = [];
    for (const message of await call(messages, text, params, options)) {
      if (message.name === 'parameterDescription') paramTypes = (message as unknown as { dataTypeIDs: number[] }).dataTypeIDs;
      else if (message.name === 'rowDescription')
        fields = (message as unknown as { fields: Field[] }).fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID }));
    }
    const statement: Statement = {
      name,
      paramTypes,
      serializers: paramTypes.map((oid) => client.serializers[oid] as Serializer | undefined),
      fields,
      parsers: fields.map((f) => client.parsers[f.dataTypeID] as Parser | undefined),
    };
    statements.set(text, statement);
    if (statements.size > MAX_STATEMENTS) {
      const [oldest, evicted] = statements.entries().next().value as [string, Statement];
      statements.delete(oldest);
      closing.push(serialize.close({ type: 'S', name: evicted.name }));
    }
    return statement;
  }

  async function run<T>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    let statement = statements.get(text);
    if (statement) {
      // Most recently used last, so the oldest is the first evicted.
      statements.delete(text);
      statements.set(text, statement);
    } else {
      statement = await prepare(text, params, options);
    }
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const oid = statement.paramTypes[i]!;
      const serializer = (options?.serializers?.[oid] as Serializer | undefined) ?? statement.serializers[i];
      return serializer ? serializer(value) : String(value);
    });
    const sent = [...closing, serialize.bind({ statement: statement.name, values }), serialize.execute({}), serialize.sync()];
    closing = [];
    let messages: BackendMessage[];
    try {
      messages = await call(sent, text, params, options);
    } catch (error) {
      // The table under it changed shape: prepared again next time, this one closed.
      if ((error as { code?: string }).code === '0A000') {
        statements.delete(text);
        closing.push(serialize.close({ type: 'S', name: statement.name }));
      }
      throw error;
    }
    return readResults<T>(messages, statement, options);
  }

  function readResults<T>(messages: BackendMessage[], statement: Statement, options: QueryOptions | undefined): Results<T> {
    const { fields } = statement;
    const overrides = options?.parsers;
    const parsers = overrides ? statement.parsers.map((p, i) => (overrides[fields[i]!.dataTypeID] as Parser | undefined) ?? p) : statement.parsers;
    const asArrays = options?.rowMode === 'array';
    const rows: unknown[] = [];
    const result: Results<T> = { rows: rows as Results<T>['rows'], fields, affectedRows: 0 };
    for (const message of messages) {
      if (message.name === 'dataRow') {
        const values = (message as unknown as { fields: (string | null)[] }).fields;
        if (asArrays) {
          const row = new Array(values.length);
          for (let i = 0; i < values.length; i++) row[i] = parse(values[i] ?? null, parsers[i], fields[i]!.dataTypeID);
          rows.push(row);
        } else {
          const row: Record<string, unknown> = {};
          for (let i = 0; i < values.length; i++) row[fields[i]!.name] = parse(values[i] ?? null, parsers[i], fields[i]!.dataTypeID);
          rows.push(row);
        }
      } else if (message.name === 'commandComplete') {
        // "SELECT 2", "UPDATE 3", "INSERT 0 5" end in a row count; "CREATE TABLE" does not.
        const parts = (message as unknown as { text: string }).text.split(' ');
        const command = parts[0]!;
        const rowCount = parseInt(parts[parts.length - 1]!, 10);
        result.command = command;
        if (['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE'].includes(command)) result.affectedRows = rowCount;
        if (!Number.isNaN(rowCount)) result.rowCount = rowCount;
      }
    }
    return result;
  }

  return {
    async query<T>(text: string, params?: unknown[], options?: QueryOptions) {
      if (needsPGlite(options)) return client.query<T>(text, params, options);
      await client._checkReady();
      return client._runExclusiveTransaction(async () => {
        const result = await client._runExclusiveQuery(() => run<T>(text, params, options));
        await client.syncToFs();
        return result;
      });
    },
    exec: (text, options) => client.exec(text, options),
    transaction: (callback) =>
      client.transaction((tx) =>
        callback({
          query: <T>(text: string, params?: unknown[], options?: QueryOptions) => {
            if (tx.closed) return Promise.reject(new Error('Transaction is closed'));
            if (needsPGlite(options)) return tx.query<T>(text, params, options);
            // The transaction holds PGlite's transaction mutex; its queries take the query mutex.
            return client._runExclusiveQuery(() => run<T>(text, params, options));
          },
          exec: (text, options) => tx.exec(text, options),
          rollback: () => tx.rollback(),
          get closed() {
            return tx.closed;
          },
        }),
      ),
  };
}

/** Files attached to COPY, and declared parameter types, stay with PGlite's own path (nothing here uses them). */
function needsPGlite(options: QueryOptions | undefined) {
  return options?.blob !== undefined || options?.paramTypes !== undefined;
}

function parse(value: string | null, parser: Parser | undefined, typeId: number) {
  if (value === null) return null;
  return parser ? parser(value, typeId) : value;
}

function concat(parts: Uint8Array[]) {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
