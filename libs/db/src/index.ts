export * from './schema.js';
export { openDatabase, migrationsFolder, pgliteDirFor, queryRows, type Db, type Tx, type Executor, type DbDriver, type DatabaseHandle, type DatabaseOptions } from './database.js';
export { DbModule, DB, DB_HANDLE, InjectDb } from './db.module.js';
export { isUniqueViolation, isForeignKeyViolation, isConnectionError, pgErrorOf } from './pg-errors.js';
export { toPage, likePattern, type Page } from './pagination.js';
export { reusableStatement } from './reusable-statement.js';
