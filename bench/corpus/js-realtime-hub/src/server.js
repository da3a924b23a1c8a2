import { createServer } from "node:http";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { cors } from "hono/cors";
import sql from "mssql";
import pg from "pg";
import { Server } from "socket.io";

const pool = new pg.Pool();
const mssqlPool = await sql.connect(process.env.MSSQL_URL);

const api = new Hono();
// expect: permissive-cors
api.use("/public/*", cors());
// ok: permissive-cors
api.use("/app/*", cors({ origin: ["https://app.example.com"], credentials: true }));

api.get("/public/rooms/:id", async (c) => {
  // expect: sql-injection
  const { rows } = await pool.query({ text: `SELECT id, name FROM rooms WHERE id = '${c.req.param("id")}'` });
  return c.json(rows[0] ?? {});
});

api.get("/app/rooms", async (c) => {
  // ok: sql-injection
  const { rows } = await pool.query({ text: "SELECT id, name FROM rooms WHERE owner = $1", values: [c.req.query("owner")] });
  return c.json(rows);
});

api.get("/app/legacy/users", async (c) => {
  const name = c.req.query("name");
  // ok: sql-injection
  const tagged = await mssqlPool.request().input("name", sql.NVarChar, name).query("SELECT id FROM users WHERE name = @name");
  // expect: sql-injection
  const raw = await mssqlPool.request().query(`SELECT id FROM users WHERE name LIKE '${name}%'`);
  return c.json({ exact: tagged.recordset, prefix: raw.recordset });
});

serve({ fetch: api.fetch, port: 3020 });

const httpServer = createServer((req, res) => {
  // expect: permissive-cors
  res.writeHead(200, { "Content-Type": "text/plain", "Access-Control-Allow-Origin": "*" });
  res.end("hub");
});
// expect: permissive-cors
const io = new Server(httpServer, { cors: { origin: "*" } });
io.on("connection", (socket) => socket.emit("hello", { at: Date.now() }));
httpServer.listen(3021);
