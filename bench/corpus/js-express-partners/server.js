import cors from "cors";
import express from "express";
import pg from "pg";
import { z } from "zod";

const app = express();
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
const whitelist = new Set((process.env.PARTNER_ORIGINS || "").split(","));

// expect: permissive-cors
app.use("/widget", cors({ origin: (origin, callback) => callback(null, true), credentials: true }));

const partnerCors = cors({
  // ok: permissive-cors
  origin(origin, callback) {
    if (!origin || whitelist.has(origin)) return callback(null, true);
    return callback(new Error("Not allowed by CORS"));
  },
  credentials: true,
});

// ok: permissive-cors
app.use("/internal", cors({ origin: process.env.INTERNAL_ORIGIN, credentials: true }));
// ok: permissive-cors
app.use("/docs", cors({ origin: /\.example\.com$/ }));
// expect: permissive-cors
app.use("/feeds", cors({ origin: "*" }));
// expect: permissive-cors
app.use("/embed", cors({ origin: true, credentials: true }));

const Query = z.object({ country: z.string().length(2), tier: z.enum(["gold", "silver"]).optional() });

app.get("/partners", partnerCors, async (req, res) => {
  const { country, tier } = Query.parse(req.query);
  const params = [country];
  let sql = "SELECT id, name FROM partners WHERE country = $1";
  if (tier) {
    params.push(tier);
    sql += ` AND tier = $${params.length}`;
  }
  // ok: sql-injection
  const { rows } = await pool.query(sql, params);
  res.json(rows);
});

app.get("/widget/:partnerId/offers", async (req, res) => {
  // expect: sql-injection
  const { rows } = await pool.query(`SELECT * FROM offers WHERE partner_id = ${req.params.partnerId} AND active`);
  res.json(rows);
});

app.listen(3010);
