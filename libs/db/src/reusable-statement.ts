import type { Executor } from './database.js';

/** What a drizzle prepared query keeps of the statement it built (the same fields for node-postgres and PGlite). */
interface BuiltStatement {
  queryString: string;
  params: unknown[];
  fields: never;
  _isResponseInArrayMode: boolean;
  customResultMapper?: never;
  joinsNotNullableMap?: Record<string, boolean>;
}

interface Preparable<TResult> {
  prepare(name: string): { execute(values?: Record<string, unknown>): Promise<TResult> };
}

/**
 * A statement that drizzle builds once, with `sql.placeholder(name)` where its values go, and that runs on
 * the database or inside a transaction alike (drizzle's own `.prepare()` binds the statement to the
 * connection it was built on). Building a query costs more CPU than sending it: this is for statements
 * that run on every message. A placeholder among inserted or updated values goes through its column's
 * mapping like any value; one in a condition (`eq(column, sql.placeholder('id'))`) reaches the driver
 * as it is, so give conditions strings, numbers or null. What drizzle fills in itself while building
 * (`$defaultFn` ids, `$onUpdate` times) would be fixed once for all: give those columns placeholders too.
 */
export function reusableStatement<TValues extends Record<string, unknown>, TResult>(
  build: (executor: Executor) => Preparable<TResult>,
): (executor: Executor, values: TValues) => Promise<TResult> {
  let built: BuiltStatement | undefined;
  return (executor, values) => {
    built ??= build(executor).prepare('reusable') as unknown as BuiltStatement;
    const query = executor._.session.prepareQuery(
      { sql: built.queryString, params: built.params },
      built.fields,
      undefined,
      built._isResponseInArrayMode,
      built.customResultMapper,
    );
    if (built.joinsNotNullableMap) Object.assign(query, { joinsNotNullableMap: built.joinsNotNullableMap });
    return query.execute(values) as Promise<TResult>;
  };
}
