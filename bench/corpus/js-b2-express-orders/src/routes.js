'use strict';

const express = require('express');
const { pool, ORDER_COLUMNS, orderBy, inList, dateFilter, withTransaction } = require('./db');
const logger = require('./logger');

const router = express.Router();
const SELECT_ORDERS = `SELECT ${ORDER_COLUMNS.join(', ')} FROM orders`;

router.get('/orders', async (req, res, next) => {
  try {
    const { status, sort, limit = 50 } = req.query;
    const params = [];
    let sql = `${SELECT_ORDERS} WHERE 1 = 1`;
    if (status) {
      const statuses = String(status).split(',');
      sql += ` AND status IN (${inList(statuses)})`;
      params.push(...statuses);
    }
    sql += ` ORDER BY ${orderBy(sort)} LIMIT ?`;
    params.push(Math.min(Number(limit) || 50, 200));
    // ok: sql-injection
    const [rows] = await pool.query(sql, params);
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

router.get('/orders/export', async (req, res, next) => {
  try {
    const sql = SELECT_ORDERS + ' WHERE customer_id = ?' + dateFilter(req.query.from, req.query.to);
    // expect: sql-injection
    const [rows] = await pool.query(sql, [req.user.customerId]);
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

router.get('/orders/:id', async (req, res, next) => {
  try {
    // ok: sql-injection
    const [rows] = await pool.execute(`${SELECT_ORDERS} WHERE id = ? AND customer_id = ?`, [
      req.params.id,
      req.user.customerId,
    ]);
    if (!rows.length) return res.sendStatus(404);
    res.json(rows[0]);
  } catch (err) {
    next(err);
  }
});

router.get('/customers/:id/orders', async (req, res, next) => {
  try {
    const column = req.query.sortBy || 'created_at';
    // expect: sql-injection
    const [rows] = await pool.query(
      `${SELECT_ORDERS} WHERE customer_id = ? ORDER BY ${column} DESC`,
      [req.params.id]
    );
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

router.post('/orders/:id/items', async (req, res, next) => {
  const items = req.body.items || [];
  try {
    const added = await withTransaction(async (conn) => {
      const values = items.map((it) => [req.params.id, it.sku, it.qty, it.priceCents]);
      // ok: sql-injection
      await conn.query('INSERT INTO order_items (order_id, sku, qty, price_cents) VALUES ?', [values]);
      // ok: sql-injection
      await conn.execute(
        'UPDATE orders SET total_cents = (SELECT SUM(qty * price_cents) FROM order_items ' +
          'WHERE order_id = ?) WHERE id = ?',
        [req.params.id, req.params.id]
      );
      return values.length;
    });
    // ok: sql-injection
    logger.info(`INSERT INTO order_items: ${added} rows for order ${req.params.id}`);
    res.status(201).json({ added });
  } catch (err) {
    next(err);
  }
});

router.post('/orders/:id/note', async (req, res, next) => {
  try {
    const note = req.body.note || '';
    const sql = "UPDATE orders SET note = '" + note + "' WHERE id = " + req.params.id;
    // expect: sql-injection
    await pool.execute(sql);
    res.sendStatus(204);
  } catch (err) {
    next(err);
  }
});

router.get('/search', async (req, res, next) => {
  try {
    const q = String(req.query.q || '');
    // ok: sql-injection
    const [rows] = await pool.query(`${SELECT_ORDERS} WHERE reference LIKE ? LIMIT 25`, [`%${q}%`]);
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
