const Fastify = require("fastify");
const cors = require("@fastify/cors");
const { Pool } = require("pg");
const knex = require("knex");

const fastify = Fastify({ logger: true });
const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const db = knex({ client: "pg", connection: process.env.DATABASE_URL });
const SORTABLE = new Set(["sku", "quantity", "updated_at"]);

// expect: permissive-cors
fastify.register(cors, { origin: "*", methods: ["GET", "POST"] });

fastify.get("/items/:sku", async (request, reply) => {
  // ok: sql-injection
  const { rows } = await pool.query("SELECT sku, name, quantity FROM items WHERE sku = $1", [request.params.sku]);
  if (rows.length === 0) return reply.code(404).send({ error: "not found" });
  return rows[0];
});

fastify.get("/items", async (request) => {
  const { warehouse, minQty = 0, sort = "sku" } = request.query;
  const column = SORTABLE.has(sort) ? sort : "sku";
  let query = db("items").select("sku", "name", "quantity").where("quantity", ">=", minQty);
  if (warehouse) {
    // expect: sql-injection
    query = query.whereRaw(`warehouse_code = '${warehouse}'`);
  }
  // ok: sql-injection
  return query.orderByRaw(`${column} ASC`);
});

fastify.get("/items/low-stock", async (request) => {
  const threshold = request.query.threshold ?? 5;
  // ok: sql-injection
  return db.raw("SELECT sku, quantity FROM items WHERE quantity < ? ORDER BY quantity", [threshold]);
});

fastify.get("/warehouses/:code/report", async (request) => {
  // expect: sql-injection
  const { rows } = await pool.query("SELECT sku, SUM(quantity) AS total FROM stock WHERE warehouse_code = '" + request.params.code + "' GROUP BY sku");
  return rows;
});

fastify.post("/items/:sku/adjust", async (request) => {
  const { delta, reason } = request.body;
  request.log.info(`adjusting ${request.params.sku} by ${delta}: select reason ${reason}`);
  // ok: sql-injection
  await db("items").where({ sku: request.params.sku }).increment("quantity", delta);
  return { ok: true };
});

fastify.listen({ port: Number(process.env.PORT) || 3001, host: "0.0.0.0" });
