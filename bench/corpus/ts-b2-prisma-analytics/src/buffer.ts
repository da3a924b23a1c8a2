import Database from 'better-sqlite3';
import { GraphQLClient, gql } from 'graphql-request';

const db = new Database(process.env.BUFFER_PATH ?? 'buffer.db');
db.pragma('journal_mode = WAL');
db.exec(`
  CREATE TABLE IF NOT EXISTS pending (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id TEXT NOT NULL,
    name TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at INTEGER NOT NULL
  )
`);

const insertStmt = db.prepare(
  'INSERT INTO pending (project_id, name, payload, created_at) VALUES (?, ?, ?, ?)'
);
const insertMany = db.transaction((rows: Array<[string, string, string, number]>) => {
  for (const row of rows) insertStmt.run(...row);
});

export function enqueue(projectId: string, events: Array<{ name: string; props: unknown }>): void {
  const now = Date.now();
  insertMany(events.map((e) => [projectId, e.name, JSON.stringify(e.props), now]));
}

export function pendingFor(projectId: string, names: string[]) {
  const marks = names.map(() => '?').join(',');
  // ok: sql-injection
  return db.prepare(`SELECT * FROM pending WHERE project_id = ? AND name IN (${marks})`).all(projectId, ...names);
}

export function pendingSince(projectId: string, since: string) {
  // expect: sql-injection
  const stmt = db.prepare(`SELECT * FROM pending WHERE project_id = '${projectId}' AND created_at > ${since}`);
  return stmt.all();
}

export function dropBatch(ids: number[]): void {
  if (!ids.length) return;
  const sql = 'DELETE FROM pending WHERE id IN (' + ids.map(() => '?').join(',') + ')';
  // ok: sql-injection
  db.prepare(sql).run(...ids);
}

const client = new GraphQLClient(process.env.INGEST_GRAPHQL_URL ?? 'http://localhost:4000/graphql');
const FLUSH = gql`
  mutation Flush($projectId: ID!, $events: [EventInput!]!) {
    ingest(projectId: $projectId, events: $events) {
      accepted
    }
  }
`;

export async function flush(projectId: string): Promise<number> {
  // ok: sql-injection
  const rows = db.prepare('SELECT id, name, payload FROM pending WHERE project_id = ? LIMIT 500').all(projectId) as Array<{
    id: number;
    name: string;
    payload: string;
  }>;
  if (!rows.length) return 0;
  const query = `mutation { log(message: "SELECT ${rows.length} pending rows") }`;
  // ok: sql-injection
  await client.request(FLUSH, {
    projectId,
    events: rows.map((r) => ({ name: r.name, props: JSON.parse(r.payload) })),
  });
  // ok: sql-injection
  await client.request(query);
  dropBatch(rows.map((r) => r.id));
  return rows.length;
}
