const express = require("express");
const pool = require("../db");

const router = express.Router();

router.get("/", async (req, res) => {
  const { status, customer } = req.query;
  let sql = "SELECT id, total, status FROM orders WHERE 1=1";
  if (status) sql += " AND status = '" + status + "'";
  if (customer) sql += ` AND customer_id = ${customer}`;
  // expect: sql-injection
  const [rows] = await pool.query(sql);
  res.json(rows);
});

router.post("/", async (req, res) => {
  const { customerId, items } = req.body;
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    // ok: sql-injection
    const [result] = await conn.execute("INSERT INTO orders (customer_id, status) VALUES (?, 'new')", [customerId]);
    const values = items.map((item) => [result.insertId, item.productId, item.quantity]);
    // ok: sql-injection
    await conn.query("INSERT INTO order_items (order_id, product_id, quantity) VALUES ?", [values]);
    await conn.commit();
    console.log(`order ${result.insertId}: select payment method for customer ${customerId}`);
    res.status(201).json({ id: result.insertId });
  } catch (err) {
    await conn.rollback();
    throw err;
  } finally {
    conn.release();
  }
});

module.exports = router;
