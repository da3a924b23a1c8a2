#!/usr/bin/env node
import Database from "better-sqlite3";
import { Command } from "commander";

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS notes (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT,
    tag TEXT
  );
`;
const db = new Database(process.env.NOTES_DB ?? "notes.db");
// ok: sql-injection
db.exec(SCHEMA);

const program = new Command();

program
  .command("add <title> [body]")
  .option("-t, --tag <tag>")
  .action((title, body, opts) => {
    // ok: sql-injection
    const info = db.prepare("INSERT INTO notes (title, body, tag) VALUES (?, ?, ?)").run(title, body ?? "", opts.tag ?? null);
    console.log(`added note ${info.lastInsertRowid}`);
  });

program
  .command("find <text>")
  .action((text) => {
    // expect: sql-injection
    const rows = db.prepare(`SELECT id, title FROM notes WHERE title LIKE '%${text}%' OR body LIKE '%${text}%'`).all();
    rows.forEach((r) => console.log(`${r.id}\t${r.title}`));
  });

program
  .command("tag <tag>")
  .action((tag) => {
    // ok: sql-injection
    const rows = db.prepare("SELECT id, title FROM notes WHERE tag = @tag").all({ tag });
    rows.forEach((r) => console.log(`${r.id}\t${r.title}`));
  });

program
  .command("purge <tag>")
  .action((tag) => {
    // expect: sql-injection
    db.exec("DELETE FROM notes WHERE tag = '" + tag + "'");
    console.log(`select 'notes' to confirm purge of ${tag}`);
  });

program.parse();
