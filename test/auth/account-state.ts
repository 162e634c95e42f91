// Everything the store holds for one account, read from the emulator's SQLite file through a second connection.
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** Rows of every table with an `account` column, in a stable order, as one comparable string. */
export function accountState(dataDir: string, account: string): string {
  const db = new Database(join(dataDir, 'workspaces-local.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[];
    const state: Record<string, unknown[]> = {};
    for (const table of tables) {
      const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[];
      if (!columns.includes('account')) continue;
      const order = columns.map((_, index) => index + 1).join(', ');
      state[table] = db.prepare(`SELECT * FROM "${table}" WHERE account = ? ORDER BY ${order}`).all(account);
    }
    return JSON.stringify(state);
  } finally {
    db.close();
  }
}
