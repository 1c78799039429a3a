export type { DataPool, PooledValue, PoolWrite } from './types';
export { sqlitePool, purgeExpiredPool } from './sqlite';
