// Prisma `where` objects, as this API's filters and keyset cursors build them, turned into SQL for the
// root lists read on most requests. Prisma stays the one way filters are written (and the reference the
// tests compare with); what it costs per statement, compiling the query in its Wasm query compiler on
// the event loop, was two fifths of the CPU of an incidents page. Only the operators the filters use
// are known; anything else throws, so a new filter cannot be silently mistranslated.

/** A table and the relations its filters follow. */
export interface TableSpec {
  table: string;
  /** Relation field → how to reach it: a list (`some`) or a single row (a nested filter). */
  relations: Record<string, ListRelation | SingleRelation>;
  /** Enum columns and their types: a list compared to one is cast to the enum, so the column's index serves. */
  enums?: Record<string, string>;
}
/** Rows of `target.table` whose `column` holds the parent's id. */
export interface ListRelation {
  kind: 'list';
  column: string;
  target: TableSpec;
}
/** The row of `target.table` whose id the parent's `column` holds. */
export interface SingleRelation {
  kind: 'single';
  column: string;
  target: TableSpec;
}

type Where = Record<string, unknown>;

const COMPARISONS: Record<string, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };

/** A value as a parameter: dates in UTC (a DATE column reads the day as written, whatever the process time zone). */
function param(params: unknown[], value: unknown): string {
  params.push(value instanceof Date ? value.toISOString() : value);
  return `$${params.length}`;
}

const quoted = (name: string) => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a column name: ${name}`);
  return `"${name}"`;
};

/** The SQL condition of `where` on the row aliased `alias` of `spec.table`; parameters are appended to `params`. */
export function whereSql(spec: TableSpec, alias: string, where: Where | undefined, params: unknown[]): string {
  if (!where) return 'TRUE';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue;
    if (key === 'AND' || key === 'OR') {
      const items = (Array.isArray(value) ? value : [value]) as Where[];
      if (items.length === 0) {
        parts.push(key === 'AND' ? 'TRUE' : 'FALSE');
        continue;
      }
      parts.push(`(${items.map((w) => whereSql(spec, alias, w, params)).join(key === 'AND' ? ' AND ' : ' OR ')})`);
      continue;
    }
    if (key === 'NOT') {
      parts.push(`NOT (${whereSql(spec, alias, value as Where, params)})`);
      continue;
    }
    const relation = spec.relations[key];
    if (relation) {
      parts.push(relationSql(relation, alias, value as Where, params));
      continue;
    }
    parts.push(fieldSql(`${alias}.${quoted(key)}`, value, params, spec.enums?.[key]));
  }
  return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
}

function relationSql(relation: ListRelation | SingleRelation, alias: string, filter: Where, params: unknown[]): string {
  // From the parent's alias, so the same filter is always the same text (statements are prepared by their
  // text); sibling subqueries may share it, each in its own scope.
  const child = `${alias}r`;
  const table = quoted(relation.target.table);
  if (relation.kind === 'single') {
    return `EXISTS (SELECT 1 FROM ${table} ${child} WHERE ${child}.id = ${alias}.${quoted(relation.column)} AND ${whereSql(relation.target, child, filter, params)})`;
  }
  const keys = Object.keys(filter);
  if (keys.length !== 1 || !('some' in filter)) throw new Error(`unsupported list relation filter: ${keys.join(', ')}`);
  return `EXISTS (SELECT 1 FROM ${table} ${child} WHERE ${child}.${quoted(relation.column)} = ${alias}.id AND ${whereSql(relation.target, child, filter.some as Where, params)})`;
}

function fieldSql(column: string, value: unknown, params: unknown[], enumType?: string): string {
  if (value === null) return `${column} IS NULL`;
  if (typeof value !== 'object' || value instanceof Date) return `${column} = ${param(params, value)}`;
  const parts: string[] = [];
  for (const [op, operand] of Object.entries(value as Record<string, unknown>)) {
    if (operand === undefined) continue;
    if (op in COMPARISONS) parts.push(`${column} ${COMPARISONS[op]} ${param(params, operand)}`);
    else if (op === 'equals') parts.push(operand === null ? `${column} IS NULL` : `${column} = ${param(params, operand)}`);
    else if (op === 'not') parts.push(operand === null ? `${column} IS NOT NULL` : `${column} <> ${param(params, operand)}`);
    // A list compared to an enum column is one parameter per value, each read as the enum it is compared
    // to. PGlite cannot send a list typed as an enum array created after it opened (a fresh database is
    // migrated after opening). A text list cast to the enum array (`$1::text[]::"Enum"[]`) is cast again
    // for every row, as an enum's input function is never folded, and comparing the column as text
    // converts every row's value: a period's count, which tests the date qualifier of 16,000 rows, took
    // 8-13 ms either way, against 5.5 ms. Cast once instead (a subquery), the values were unknown to the
    // planner, which then sorted the whole period to page it. Other columns are compared as text.
    // Repeated values are sent once: an enum has few.
    else if (op === 'in' || op === 'notIn') {
      const values = [...new Set((operand as unknown[]).map(String))];
      const test = !enumType
        ? `${column}::text = ANY(${param(params, values)}::text[])`
        : values.length === 0 ? 'FALSE' : `${column} IN (${values.map((v) => param(params, v)).join(', ')})`;
      parts.push(op === 'in' ? test : `NOT (${test})`);
    }
    else if (op === 'hasSome') parts.push(`${column} && ${param(params, operand)}::text[]`);
    // Prisma's `contains` is a LIKE with the pattern's wildcards escaped: a plain substring test.
    else if (op === 'contains') parts.push(`strpos(${column}, ${param(params, operand)}) > 0`);
    else throw new Error(`unsupported filter operator: ${op}`);
  }
  return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
}

/** ORDER BY for Prisma orderBy entries ({ field: 'asc' } or { field: { sort, nulls } }). */
export function orderSql(alias: string, orderBy: Record<string, unknown>[]): string {
  return orderBy
    .map((entry) => {
      const [field, how] = Object.entries(entry)[0]!;
      if (typeof how === 'string') return `${alias}.${quoted(field)} ${how.toUpperCase()}`;
      const { sort, nulls } = how as { sort: string; nulls?: string };
      return `${alias}.${quoted(field)} ${sort.toUpperCase()}${nulls ? ` NULLS ${nulls.toUpperCase()}` : ''}`;
    })
    .join(', ');
}
