import Database from 'better-sqlite3';

export interface FileRow {
  id: number;
  path: string;
  size: number;
  mtime: number;
  tag: string | null;
}

export interface ListOptions {
  ext?: string;
  minSize?: number;
  tag?: string;
  sort?: string;
  limit?: number;
}

const MIGRATIONS = `
  CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime INTEGER NOT NULL,
    tag TEXT
  );
  CREATE INDEX IF NOT EXISTS files_tag ON files(tag);
`;

export const SORT_COLUMNS = ['path', 'size', 'mtime'] as const;

export class FileStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // ok: sql-injection
    this.db.exec(MIGRATIONS);
  }

  upsertMany(rows: Omit<FileRow, 'id'>[]): void {
    // ok: sql-injection
    const insert = this.db.prepare(
      'INSERT INTO files (path, size, mtime, tag) VALUES (@path, @size, @mtime, @tag) ' +
        'ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime',
    );
    const tx = this.db.transaction((batch: Omit<FileRow, 'id'>[]) => {
      for (const row of batch) insert.run(row);
    });
    tx(rows);
  }

  list(opts: ListOptions): FileRow[] {
    const { where, params } = buildFilter(opts);
    const column = (SORT_COLUMNS as readonly string[]).includes(opts.sort ?? '') ? opts.sort : 'path';
    // ok: sql-injection
    return this.db.prepare(`SELECT * FROM files ${where} ORDER BY ${column} LIMIT ?`).all(...params, opts.limit ?? 100) as FileRow[];
  }

  grep(pattern: string): FileRow[] {
    const sql = `SELECT * FROM files WHERE path GLOB '${pattern}'`;
    // expect: sql-injection
    return this.db.prepare(sql).all() as FileRow[];
  }

  tag(ids: number[], tag: string): number {
    const marks = ids.map(() => '?').join(',');
    // ok: sql-injection
    return this.db.prepare(`UPDATE files SET tag = ? WHERE id IN (${marks})`).run(tag, ...ids).changes;
  }

  untagWhere(condition: string): number {
    // expect: sql-injection
    return this.db.prepare('UPDATE files SET tag = NULL WHERE ' + condition).run().changes;
  }

  dump(table: string): unknown[] {
    // expect: sql-injection
    return this.db.prepare(`SELECT * FROM ${table}`).all();
  }

  archive(file: string): void {
    // expect: sql-injection
    this.db.exec(`ATTACH DATABASE '${file}' AS archive; INSERT INTO archive.files SELECT * FROM main.files; DETACH DATABASE archive;`);
  }

  close(): void {
    this.db.close();
  }
}

function buildFilter(opts: ListOptions): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (opts.ext) {
    clauses.push('path LIKE ?');
    params.push(`%.${opts.ext}`);
  }
  if (opts.minSize !== undefined) {
    clauses.push('size >= ?');
    params.push(opts.minSize);
  }
  if (opts.tag) {
    clauses.push('tag = ?');
    params.push(opts.tag);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
