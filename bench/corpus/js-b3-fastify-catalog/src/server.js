'use strict';

const Fastify = require('fastify');
const cors = require('@fastify/cors');
const config = require('./config');
const { registerAuth } = require('./auth');

const app = Fastify({ logger: true });

const allowedOrigins = new Set(config.corsOrigins);

// ok: permissive-cors
app.register(cors, {
  origin: (origin, cb) => {
    // Server-to-server calls and curl send no Origin header.
    if (!origin || allowedOrigins.has(origin)) {
      cb(null, true);
      return;
    }
    cb(new Error('Origin not allowed'), false);
  },
  credentials: true,
  methods: ['GET', 'POST', 'PUT', 'DELETE'],
});

registerAuth(app);

app.get('/products', async (request) => {
  const { category } = request.query;
  return app.catalog.list({ category, limit: 50 });
});

app.get('/health', async () => ({ ok: true }));

app.listen({ port: config.port, host: '0.0.0.0' }).catch((err) => {
  app.log.error(err);
  process.exit(1);
});
