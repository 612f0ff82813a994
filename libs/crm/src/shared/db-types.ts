export type { Tx, Executor } from '@app/db';
