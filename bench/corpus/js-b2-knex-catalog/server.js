'use strict';

const Fastify = require('fastify');
const catalog = require('./catalog');

const app = Fastify({ logger: true });

app.get('/products', async (req) => {
  const { category, minPrice, maxPrice, sort, dir, page } = req.query;
  return catalog.listProducts({
    category,
    minPrice: minPrice && Number(minPrice),
    maxPrice: maxPrice && Number(maxPrice),
    sort,
    dir,
    page: Number(page) || 1,
  });
});

app.get('/products/search', async (req) => catalog.searchProducts(req.query.q || '', req.query.lang));

app.get('/tags/:tag/products', async (req) => catalog.productsByTag(req.params.tag));

app.get('/categories/:id/histogram', async (req) =>
  catalog.priceHistogram(req.params.id, req.query.buckets || 10)
);

app.get('/products/top', async (req) => catalog.topRated(Math.min(Number(req.query.limit) || 10, 100)));

app.get('/products/by-attribute', async (req) =>
  catalog.sortedByField(req.query.field || 'color', req.query.dir || 'asc')
);

app.get('/categories', async (req) => catalog.categoriesWithCount(Number(req.query.min) || 0));

app.post('/categories/:id/reprice', async (req, reply) => {
  const percent = Number(req.body.percent);
  if (!Number.isFinite(percent) || Math.abs(percent) > 50) {
    return reply.code(400).send({ error: 'percent must be between -50 and 50' });
  }
  await catalog.bulkReprice(req.params.id, percent);
  return { ok: true };
});

app.addHook('onClose', async () => {
  await catalog.knex.destroy();
});

app.listen({ port: Number(process.env.PORT || 3001), host: '0.0.0.0' }).catch((err) => {
  app.log.error(err);
  process.exit(1);
});
