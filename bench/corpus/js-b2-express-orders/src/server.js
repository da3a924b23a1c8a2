'use strict';

const express = require('express');
const routes = require('./routes');
const logger = require('./logger');
const { pool } = require('./db');

const app = express();
app.use(express.json({ limit: '100kb' }));
app.use(logger.requestLogger());

app.use((req, res, next) => {
  const customerId = Number(req.get('x-customer-id'));
  if (!Number.isInteger(customerId)) return res.sendStatus(401);
  req.user = { customerId };
  next();
});

app.use('/api', routes);

app.get('/healthz', async (req, res) => {
  try {
    // ok: sql-injection
    await pool.query('SELECT 1');
    res.json({ ok: true });
  } catch (err) {
    res.status(503).json({ ok: false });
  }
});

app.use((err, req, res, next) => {
  logger.error('request failed', { path: req.path, error: err.message });
  res.status(500).json({ error: 'internal' });
});

const port = Number(process.env.PORT || 3000);
const server = app.listen(port, () => logger.info(`orders api listening on ${port}`));

function shutdown(signal) {
  logger.info('shutting down', { signal });
  server.close(async () => {
    try {
      await pool.end();
    } finally {
      process.exit(0);
    }
  });
  setTimeout(() => process.exit(1), 10000).unref();
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
