// Relay connections: keyset pagination for root lists (cursors stay valid when rows are added
// elsewhere in the list), offset pagination over in-memory lists for nested fields.
import type { ScriptRunner } from '../db/client.js';
import { orderSql, whereSql, type TableSpec } from './sql-where.js';
import { resolveArrayConnection, resolveCursorConnection } from '@pothos/plugin-relay';
import { badUserInput } from '../errors.js';
import type { RootSelection } from './prefetch.js';

export const MAX_PAGE_SIZE = 100;

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/** Rejects page sizes the API does not serve, instead of silently truncating them. */
export function checkPageSize(args: ConnectionArgs): void {
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value === null || value === undefined) continue;
    if (value < 0) throw badUserInput(`"${name}" must not be negative.`, name);
    if (value > MAX_PAGE_SIZE) throw badUserInput(`"${name}" must be at most ${MAX_PAGE_SIZE}; got ${value}.`, name);
  }
}

/** One column of a sort order. Nulls always sort last in the forward direction. */
export interface SortKey {
  field: string;
  direction: 'asc' | 'desc';
  nullable?: boolean;
  /** The column's type, which a cursor's value must have (default: text). */
  kind?: 'date' | 'text' | 'int' | 'number' | 'uuid' | 'enum';
  /** For an enum column, its values. */
  values?: readonly string[];
}

type CursorValue = string | number | null;
type Where = Record<string, unknown>;

function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

/** Whether a decoded cursor value has the type of its sort column (a cursor of another list may not). */
function fitsKey(value: unknown, key: SortKey): boolean {
  if (value === null) return key.nullable === true;
  switch (key.kind ?? 'text') {
    case 'date':
      return typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value));
    case 'int':
      return Number.isSafeInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'enum':
      return typeof value === 'string' && (key.values ?? []).includes(value);
    case 'text':
      // PostgreSQL text holds no NUL; such a value cannot come from a row.
      return typeof value === 'string' && !value.includes('\u0000');
  }
}

function decodeCursor(cursor: string, keys: SortKey[], argument: string): unknown[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  // A well-formed cursor of another list (or a hand-made one) fails here, not in the database.
  if (!Array.isArray(values) || values.length !== keys.length || !values.every((value, i) => fitsKey(value, keys[i]!))) {
    throw badUserInput(`"${argument}" is not a cursor of this list.`, argument);
  }
  return values.map((value, i) => (keys[i]!.kind === 'date' && typeof value === 'string' ? new Date(value) : value));
}

function cursorValue(value: unknown): CursorValue {
  if (value instanceof Date) return value.toISOString();
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  return String(value);
}

/** Rows strictly after (or before) `values` in the forward order of `keys`. */
function beyond(keys: SortKey[], values: unknown[], side: 'after' | 'before'): Where {
  const alternatives: Where[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value = values[i];
    const equalPrefix = keys.slice(0, i).map((k, j) => ({ [k.field]: values[j] ?? null }));
    let step: Where | null;
    const forwardOp = key.direction === 'asc' ? 'gt' : 'lt';
    const backwardOp = key.direction === 'asc' ? 'lt' : 'gt';
    if (side === 'after') {
      // Nothing sorts after null except through later keys.
      if (value === null || value === undefined) step = null;
      else step = key.nullable ? { OR: [{ [key.field]: { [forwardOp]: value } }, { [key.field]: null }] } : { [key.field]: { [forwardOp]: value } };
    } else {
      if (value === null || value === undefined) step = { [key.field]: { not: null } };
      else step = { [key.field]: { [backwardOp]: value } };
    }
    if (step) alternatives.push({ AND: [...equalPrefix, step] });
  }
  return { OR: alternatives };
}

function orderBy(keys: SortKey[], inverted: boolean) {
  return keys.map((key) => {
    const sort = inverted ? (key.direction === 'asc' ? 'desc' : 'asc') : key.direction;
    return { [key.field]: key.nullable ? { sort, nulls: inverted ? 'first' : 'last' } : sort };
  });
}

export interface KeysetQuery<Row> {
  keys: SortKey[];
  where: Where;
  findMany: (query: { where: Where; orderBy: Record<string, unknown>[]; take: number }) => Promise<Row[]>;
  count: (where: Where) => Promise<number>;
}

/**
 * The same query run in raw SQL (src/resolvers/sql-where.ts): whole rows of the table, the filter and
 * the cursor condition translated, for the root lists read on most requests. With a `selection`
 * (prefetch.ts), the columns the query's fields read and, in the same statement, what they lead to. The rows have Prisma's
 * shape (test/entity-rows.test.ts); test/pagination.test.ts and the filter tests hold the answers.
 */
export function sqlKeysetQuery<Row>(sql: ScriptRunner, spec: TableSpec, where: Where, keys: SortKey[], selection?: RootSelection): KeysetQuery<Row> {
  // The columns cursors are made of, kept whatever else the selection reads when it reads a cursor.
  // Read for nothing, the incidents page's two dates were 200 Dates made and dropped a request.
  const cursorColumns = selection?.readsCursors === false ? [] : [...keys.map((k) => k.field), 'id'];
  return {
    keys,
    where,
    findMany: async ({ where: condition, orderBy, take }) => {
      const params: unknown[] = [];
      const filter = whereSql(spec, 't', condition, params);
      const select = selection ? selection.select('t', cursorColumns) : 't.*';
      // The limit in the text, not a parameter: with it unknown, PostgreSQL costs a generic plan as if
      // it read a tenth of the table, so it planned the prepared statement anew at every run (on the
      // incidents page, 15-25% of PostgreSQL's CPU a request). An operation always asks the same page size.
      if (!Number.isSafeInteger(take) || take < 0) throw new Error(`A page of ${take} rows`);
      const rows = await sql.query<Row>(`SELECT ${select} FROM "${spec.table}" t WHERE ${filter} ORDER BY ${orderSql('t', orderBy)} LIMIT ${take}`, params, { prepare: selection !== undefined });
      return selection ? selection.rows(rows) : rows;
    },
    count: async (condition) => {
      const params: unknown[] = [];
      const rows = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${spec.table}" t WHERE ${whereSql(spec, 't', condition, params)}`, params);
      return rows[0]!.n;
    },
  };
}

export interface Counted {
  /** Computed only when a client selects it. */
  totalCount: () => Promise<number> | number;
}

/** An edge whose cursor is made when read. */
class Edge<Row> {
  constructor(readonly node: Row, private readonly cursorOf: (row: Row) => string) {}
  get cursor(): string {
    return this.cursorOf(this.node);
  }
}

/** A page of a root list ordered by `keys` (the row id is appended as the final tie-breaker). */
export async function keysetConnection<Row extends { id: string }>(args: ConnectionArgs, query: KeysetQuery<Row>) {
  checkPageSize(args);
  const keys: SortKey[] = [...query.keys, { field: 'id', direction: 'asc', kind: 'uuid' }];
  const cursorOf = (row: Row) => encodeCursor(keys.map((k) => cursorValue((row as Record<string, unknown>)[k.field])));
  // Cursors are made when a client reads them: made for every edge, they were a twentieth of the CPU of
  // the incidents page, which selects none.
  const page = await resolveCursorConnection<Promise<Row[]>>(
    {
      args,
      toCursor: () => '',
    },
    ({ after, before, limit, inverted }) => {
      const conditions: Where[] = [query.where];
      if (after) conditions.push(beyond(keys, decodeCursor(after, keys, 'after'), 'after'));
      if (before) conditions.push(beyond(keys, decodeCursor(before, keys, 'before'), 'before'));
      return query.findMany({ where: { AND: conditions }, orderBy: orderBy(keys, inverted), take: limit });
    },
  );
  const edges = page.edges.map((edge) => new Edge(edge!.node, cursorOf));
  const pageInfo = edges.length === 0 ? page.pageInfo : {
    ...page.pageInfo,
    get startCursor() {
      return edges[0]!.cursor;
    },
    get endCursor() {
      return edges[edges.length - 1]!.cursor;
    },
  };
  const totalCount: Counted['totalCount'] = () => query.count(query.where);
  return { edges, pageInfo, totalCount };
}

/** A page of a list already in memory (nested fields filled by a DataLoader). */
export function arrayConnection<T>(args: ConnectionArgs, items: readonly T[]) {
  checkPageSize(args);
  try {
    return resolveArrayConnection({ args }, items);
  } catch {
    throw badUserInput('"after" or "before" is not a cursor of this list.');
  }
}
