const express = require("express");

const PAGE_SIZE = 20;
const ORDER = { newest: "published_at DESC", oldest: "published_at ASC", title: "title ASC" };

module.exports = (pool, logger) => {
  const router = express.Router();

  router.get("/", async (req, res) => {
    const page = Math.max(1, parseInt(req.query.page, 10) || 1);
    const order = ORDER[req.query.order] ?? ORDER.newest;
    logger.info(`select posts page=${page} order=${order}`);
    // ok: sql-injection
    const { rows } = await pool.query(`SELECT id, title, published_at FROM posts WHERE published ORDER BY ${order} LIMIT $1 OFFSET $2`, [PAGE_SIZE, (page - 1) * PAGE_SIZE]);
    res.json(rows);
  });

  router.get("/:slug", async (req, res) => {
    // ok: sql-injection
    const { rows } = await pool.query("SELECT * FROM posts WHERE slug = $1 AND published", [req.params.slug]);
    if (!rows.length) return res.sendStatus(404);
    res.json(rows[0]);
  });

  router.get("/tag/:tag", async (req, res) => {
    const columns = ["id", "title", "slug"].join(", ");
    // ok: sql-injection
    const { rows } = await pool.query(`SELECT ${columns} FROM posts WHERE $1 = ANY(tags)`, [req.params.tag]);
    res.json(rows);
  });

  router.get("/search/:term", async (req, res) => {
    const term = req.params.term;
    const query = "SELECT id, title FROM posts WHERE to_tsvector(body) @@ plainto_tsquery('" + term + "')";
    // expect: sql-injection
    const { rows } = await pool.query(query);
    res.json(rows);
  });

  return router;
};
