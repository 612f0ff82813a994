import type { Db } from '@app/db';

/** A transaction handle; Drizzle's transaction has the query API of the database itself. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the database or an open transaction, so callers can make a write part of their own transaction. */
export type Executor = Db | Tx;
