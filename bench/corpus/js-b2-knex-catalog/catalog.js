'use strict';

const knex = require('knex')({
  client: 'pg',
  connection: process.env.DATABASE_URL,
  pool: { min: 0, max: 10 },
});

const SORTABLE = new Set(['name', 'price_cents', 'created_at', 'rating']);

async function listProducts({ category, minPrice, maxPrice, sort = 'name', dir = 'asc', page = 1 }) {
  const column = SORTABLE.has(sort) ? sort : 'name';
  const direction = dir === 'desc' ? 'desc' : 'asc';
  const query = knex('products')
    .select('id', 'sku', 'name', 'price_cents', 'rating')
    .where('active', true)
    .orderBy(column, direction)
    .limit(24)
    .offset((Math.max(page, 1) - 1) * 24);
  if (category) query.where('category_id', category);
  if (minPrice) query.where('price_cents', '>=', minPrice);
  if (maxPrice) query.where('price_cents', '<=', maxPrice);
  return query;
}

async function searchProducts(term, lang = 'english') {
  return knex('products')
    .select('id', 'name')
    // ok: sql-injection
    .whereRaw('to_tsvector(?, name || \' \' || description) @@ plainto_tsquery(?, ?)', [lang, lang, term])
    .limit(50);
}

async function productsByTag(tag) {
  return knex('products')
    .join('product_tags', 'product_tags.product_id', 'products.id')
    // expect: sql-injection
    .whereRaw(`product_tags.tag = '${tag}'`)
    .select('products.*');
}

async function priceHistogram(categoryId, bucketSize) {
  // expect: sql-injection
  const { rows } = await knex.raw(
    'SELECT width_bucket(price_cents, 0, 100000, ' + bucketSize + ') AS bucket, count(*) ' +
      'FROM products WHERE category_id = ? GROUP BY bucket ORDER BY bucket',
    [categoryId]
  );
  return rows;
}

async function topRated(limit) {
  // ok: sql-injection
  const { rows } = await knex.raw(
    `SELECT p.id, p.name, avg(r.stars) AS avg_stars
       FROM products p
       JOIN reviews r ON r.product_id = p.id
      GROUP BY p.id, p.name
     HAVING count(r.id) >= 5
      ORDER BY avg_stars DESC
      LIMIT ?`,
    [limit]
  );
  return rows;
}

async function sortedByField(field, direction) {
  return knex('products')
    .select('id', 'name', 'attributes')
    // expect: sql-injection
    .orderByRaw(`attributes->>'${field}' ${direction}`);
}

async function categoriesWithCount(minCount) {
  return knex('categories as c')
    .leftJoin('products as p', 'p.category_id', 'c.id')
    .select('c.id', 'c.name')
    .count('p.id as n')
    .groupBy('c.id', 'c.name')
    // ok: sql-injection
    .havingRaw('count(p.id) >= ?', [minCount]);
}

async function bulkReprice(categoryId, percent) {
  return knex.transaction(async (trx) => {
    // ok: sql-injection
    await trx('products')
      .where({ category_id: categoryId })
      .update({ price_cents: knex.raw('round(price_cents * (1 + ? / 100.0))', [percent]) });
    // ok: sql-injection
    await trx('audit_log').insert({ action: 'reprice', detail: `category ${categoryId} by ${percent}%` });
  });
}

module.exports = {
  knex,
  listProducts,
  searchProducts,
  productsByTag,
  priceHistogram,
  topRated,
  sortedByField,
  categoriesWithCount,
  bulkReprice,
};
