'use strict';

const express = require('express');
const db = require('./db');

const router = express.Router();

router.get('/sites/:siteId/events', async (req, res, next) => {
  try {
    const limit = Math.min(parseInt(req.query.limit, 10) || 50, 500);
    res.json(await db.recentEvents(req.params.siteId, req.query.sort, limit));
  } catch (err) {
    next(err);
  }
});

router.get('/tenants/:tenant/events', async (req, res, next) => {
  try {
    res.json(await db.tenantEvents(req.params.tenant, req.query.since));
  } catch (err) {
    next(err);
  }
});

router.get('/sites/:siteId/top-paths', async (req, res, next) => {
  const days = req.query.days || '7';
  const orderBy = req.query.orderBy || 'hits';
  let sql = 'SELECT path, count(*) AS hits FROM events WHERE site_id = $1';
  sql += ` AND occurred_at > now() - interval '${days} days'`;
  sql += ' GROUP BY path';
  sql += ` ORDER BY ${orderBy} DESC LIMIT 20`;
  try {
    // expect: sql-injection
    const { rows } = await db.pool.query(sql, [req.params.siteId]);
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

router.get('/sites/:siteId/funnel', async (req, res, next) => {
  const steps = String(req.query.steps || 'visit,signup').split(',');
  const ctes = steps.map((_, i) => `s${i} AS (SELECT DISTINCT session_id FROM events WHERE site_id = $1 AND name = $${i + 2})`);
  const selects = steps.map((_, i) => `(SELECT count(*) FROM s${i}) AS step${i}`);
  const sql = `WITH ${ctes.join(', ')} SELECT ${selects.join(', ')}`;
  try {
    // ok: sql-injection
    const { rows } = await db.pool.query(sql, [req.params.siteId, ...steps]);
    res.json(rows[0]);
  } catch (err) {
    next(err);
  }
});

router.get('/search', async (req, res, next) => {
  const term = req.query.q || '';
  try {
    // ok: sql-injection
    const { rows } = await db.pool.query('SELECT DISTINCT path FROM events WHERE path ILIKE $1 LIMIT 25', [`%${term}%`]);
    res.json(rows.map((r) => r.path));
  } catch (err) {
    next(err);
  }
});

router.get('/referrers', async (req, res, next) => {
  const host = req.query.host;
  try {
    // expect: sql-injection
    const { rows } = await db.pool.query("SELECT referrer, count(*) FROM events WHERE referrer LIKE '%" + host + "%' GROUP BY referrer");
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

router.post('/events', async (req, res, next) => {
  try {
    await db.recordBatchSafe(req.body.events || []);
    res.status(202).end();
  } catch (err) {
    next(err);
  }
});

module.exports = router;
