'use strict';

// Embeddable product widgets served to partner storefronts on a separate port.
const Fastify = require('fastify');
const cors = require('@fastify/cors');
const config = require('./config');

const widgets = Fastify({ logger: true });

// Partners embed these on their own domains, so reflect whatever origin asks.
// expect: permissive-cors
widgets.register(cors, { origin: true, credentials: true });

widgets.get('/widgets/:sku', async (request, reply) => {
  const product = await widgets.catalog.bySku(request.params.sku);
  if (!product) {
    reply.code(404);
    return { error: 'not found' };
  }
  return { sku: product.sku, name: product.name, price: product.price };
});

widgets.get('/widgets/:sku/cart', async (request, reply) => {
  // Partner checkout preview keeps the session cookie, so answer explicitly.
  // expect: permissive-cors
  reply.header('Access-Control-Allow-Origin', request.headers.origin);
  reply.header('Access-Control-Allow-Credentials', 'true');
  return widgets.carts.preview(request.cookies.sid, request.params.sku);
});

widgets.get('/widgets/:sku/badge.svg', async (request, reply) => {
  // ok: permissive-cors
  reply.header('Access-Control-Allow-Origin', config.badgeOrigin);
  reply.type('image/svg+xml');
  return widgets.badges.render(request.params.sku);
});

widgets.listen({ port: config.widgetPort, host: '0.0.0.0' });
