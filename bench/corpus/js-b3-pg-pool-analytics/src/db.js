'use strict';

const { Pool } = require('pg');

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: 10,
  idleTimeoutMillis: 30000,
});

const EVENT_COLUMNS = ['site_id', 'name', 'path', 'referrer', 'occurred_at'];
const SORTS = {
  recent: 'occurred_at DESC',
  path: 'path ASC',
  name: 'name ASC, occurred_at DESC',
};

function placeholders(count, offset = 0) {
  return Array.from({ length: count }, (_, i) => `$${i + 1 + offset}`).join(', ');
}

function eventsTable(tenant) {
  return `events_${tenant}`;
}

async function recentEvents(siteId, sort, limit) {
  const order = SORTS[sort] || SORTS.recent;
  const sql = `SELECT ${EVENT_COLUMNS.join(', ')} FROM events WHERE site_id = $1 ORDER BY ${order} LIMIT $2`;
  // ok: sql-injection
  const { rows } = await pool.query(sql, [siteId, limit]);
  return rows;
}

async function eventsForSites(siteIds) {
  // ok: sql-injection
  const { rows } = await pool.query(`SELECT site_id, count(*) AS n FROM events WHERE site_id IN (${placeholders(siteIds.length)}) GROUP BY site_id`, siteIds);
  return rows;
}

async function tenantEvents(tenant, since) {
  // expect: sql-injection
  const { rows } = await pool.query(`SELECT name, path FROM ${eventsTable(tenant)} WHERE occurred_at > $1`, [since]);
  return rows;
}

async function recordBatch(events) {
  const client = await pool.connect();
  try {
    // ok: sql-injection
    await client.query('BEGIN');
    const values = events
      .map((e) => `(${e.siteId}, '${e.name}', '${e.path}', '${e.referrer || ''}', now())`)
      .join(',\n');
    // expect: sql-injection
    await client.query(`INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES ${values}`);
    // ok: sql-injection
    await client.query('UPDATE sites SET last_event_at = now() WHERE id = $1', [events[0].siteId]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

async function recordBatchSafe(events) {
  const params = [];
  const tuples = events.map((e, i) => {
    params.push(e.siteId, e.name, e.path, e.referrer || null);
    return `(${placeholders(4, i * 4)}, now())`;
  });
  const sql = `INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`;
  // ok: sql-injection
  await pool.query(sql, params);
}

module.exports = {
  pool,
  placeholders,
  recentEvents,
  eventsForSites,
  tenantEvents,
  recordBatch,
  recordBatchSafe,
};
