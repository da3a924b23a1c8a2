#!/usr/bin/env node
import Database from 'better-sqlite3';
import { Command } from 'commander';
import { execFileSync } from 'node:child_process';
import { FileStore } from './store';

const program = new Command();
program.name('fidx').option('--db <file>', 'index database', 'fidx.sqlite');

function store(): FileStore {
  return new FileStore(program.opts().db);
}

function buildReportSql(groupBy: string, since: string): string {
  let sql = `SELECT ${groupBy} AS k, count(*) AS n, sum(size) AS bytes FROM files`;
  if (since) {
    sql += ` WHERE mtime >= strftime('%s', '${since}')`;
  }
  return sql + ` GROUP BY ${groupBy} ORDER BY bytes DESC`;
}

program
  .command('ls')
  .option('--ext <ext>')
  .option('--min-size <n>', 'minimum size', (v) => Number(v))
  .option('--tag <tag>')
  .option('--sort <col>')
  .action((opts) => {
    for (const row of store().list(opts)) console.log(`${row.size}\t${row.path}`);
  });

program
  .command('grep <pattern>')
  .action((pattern: string) => {
    for (const row of store().grep(pattern)) console.log(row.path);
  });

program
  .command('report')
  .option('--by <column>', 'group column', 'tag')
  .option('--since <date>', 'only files modified since', '')
  .action((opts) => {
    const db = new Database(program.opts().db, { readonly: true });
    // expect: sql-injection
    const rows = db.prepare(buildReportSql(opts.by, opts.since)).all();
    console.table(rows);
    db.close();
  });

program
  .command('dump <table>')
  .action((table: string) => console.log(JSON.stringify(store().dump(table), null, 2)));

program
  .command('archive <file>')
  .action((file: string) => store().archive(file));

program
  .command('open <id>')
  .action((id: string) => {
    const row = store().list({ limit: 1_000_000 }).find((r) => r.id === Number(id));
    if (row) execFileSync('xdg-open', [row.path]);
  });

program.parse();
