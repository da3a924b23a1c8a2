'use strict';

const mysql = require('mysql2/promise');

const pool = mysql.createPool({
  host: process.env.DB_HOST || 'localhost',
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
  database: process.env.DB_NAME || 'orders',
  waitForConnections: true,
  connectionLimit: 10,
});

const ORDER_COLUMNS = ['id', 'customer_id', 'status', 'total_cents', 'created_at'];
const SORTS = {
  newest: 'created_at DESC',
  oldest: 'created_at ASC',
  total: 'total_cents DESC',
};

function orderBy(sort) {
  return SORTS[sort] || SORTS.newest;
}

function inList(values) {
  return values.map(() => '?').join(', ');
}

function dateFilter(from, to) {
  let clause = '';
  if (from) clause += ` AND created_at >= '${from}'`;
  if (to) clause += ` AND created_at < '${to}'`;
  return clause;
}

async function withTransaction(fn) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    const result = await fn(conn);
    await conn.commit();
    return result;
  } catch (err) {
    await conn.rollback();
    throw err;
  } finally {
    conn.release();
  }
}

module.exports = { pool, ORDER_COLUMNS, orderBy, inList, dateFilter, withTransaction };
