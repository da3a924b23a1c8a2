'use strict';

const express = require('express');
const { Op } = require('sequelize');
const { sequelize, Listing, FAVORITE_COUNT, similarTitles, priceHistogram } = require('./models');

const router = express.Router();
const SORTABLE = new Set(['price', 'bedrooms', 'createdAt']);

router.get('/listings', async (req, res) => {
  const { q, city, minBeds, sort = 'createdAt', dir = 'DESC' } = req.query;
  const where = { status: 'active' };
  if (q) {
    // ok: sql-injection
    where.title = { [Op.iLike]: `%${q}%` };
  }
  if (city) where.city = city;
  if (minBeds) where.bedrooms = { [Op.gte]: Number(minBeds) };
  const column = SORTABLE.has(sort) ? sort : 'createdAt';
  const rows = await Listing.findAll({
    where,
    attributes: { include: [[FAVORITE_COUNT, 'favorites']] },
    order: [[column, dir === 'ASC' ? 'ASC' : 'DESC']],
    limit: 50,
  });
  res.json(rows);
});

router.get('/listings/nearby', async (req, res) => {
  const { lat, lng } = req.query;
  const rows = await Listing.findAll({
    attributes: {
      include: [
        // expect: sql-injection
        [sequelize.literal(`point(lng, lat) <@> point(${lng}, ${lat})`), 'distance'],
      ],
    },
    order: [[sequelize.col('distance'), 'ASC']],
    limit: 20,
  });
  res.json(rows);
});

router.get('/listings/ranked', async (req, res) => {
  const sortExpr = req.query.sortExpr || '"price"';
  const rows = await Listing.findAll({
    where: { status: 'active' },
    // expect: sql-injection
    order: [[sequelize.literal(sortExpr), 'DESC']],
    limit: 50,
  });
  res.json(rows);
});

router.get('/listings/fulltext', async (req, res) => {
  const term = req.query.q || '';
  const rows = await Listing.findAll({
    where: sequelize.where(
      // ok: sql-injection
      sequelize.literal("to_tsvector('english', description)"),
      '@@',
      sequelize.fn('plainto_tsquery', 'english', term),
    ),
    limit: 50,
  });
  res.json(rows);
});

router.get('/listings/similar', async (req, res) => {
  res.json(await similarTitles(req.query.title || '', 10));
});

router.get('/stats/histogram', async (req, res) => {
  res.json(await priceHistogram(req.query.city, req.query.buckets || 10));
});

router.get('/stats/cities', async (req, res) => {
  const status = req.query.status || 'active';
  const sql = 'SELECT city, avg(price) AS avg_price FROM listings WHERE status = \'' + status + '\' GROUP BY city';
  // expect: sql-injection
  const [rows] = await sequelize.query(sql);
  res.json(rows);
});

router.get('/stats/by-ids', async (req, res) => {
  const ids = String(req.query.ids || '').split(',').filter(Boolean);
  // ok: sql-injection
  const rows = await sequelize.query('SELECT id, title FROM listings WHERE id IN (:ids)', {
    replacements: { ids },
    type: sequelize.QueryTypes.SELECT,
  });
  res.json(rows);
});

module.exports = router;
