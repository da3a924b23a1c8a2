const express = require("express");
const pool = require("../db");

const router = express.Router();
const SORT_COLUMNS = { price: "price", name: "name", newest: "created_at" };

router.get("/", async (req, res, next) => {
  try {
    const sort = SORT_COLUMNS[req.query.sort] || "name";
    // ok: sql-injection
    const [rows] = await pool.query(`SELECT id, name, price FROM products ORDER BY ${sort} LIMIT ?`, [50]);
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

router.get("/search", async (req, res, next) => {
  try {
    const term = req.query.q || "";
    // expect: sql-injection
    const [rows] = await pool.query(`SELECT id, name, price FROM products WHERE name LIKE '%${term}%'`);
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

router.get("/:id", async (req, res, next) => {
  try {
    // ok: sql-injection
    const [rows] = await pool.execute("SELECT * FROM products WHERE id = ?", [req.params.id]);
    if (rows.length === 0) return res.status(404).json({ error: "not found" });
    res.json(rows[0]);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
