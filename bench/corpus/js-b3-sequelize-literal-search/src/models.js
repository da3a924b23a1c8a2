'use strict';

const { Sequelize, DataTypes } = require('sequelize');

const sequelize = new Sequelize(process.env.DATABASE_URL, { logging: false });

const Listing = sequelize.define('Listing', {
  title: { type: DataTypes.STRING, allowNull: false },
  description: DataTypes.TEXT,
  city: DataTypes.STRING,
  price: DataTypes.DECIMAL(10, 2),
  bedrooms: DataTypes.INTEGER,
  status: { type: DataTypes.STRING, defaultValue: 'active' },
}, { tableName: 'listings' });

const Favorite = sequelize.define('Favorite', {
  userId: DataTypes.INTEGER,
  listingId: DataTypes.INTEGER,
}, { tableName: 'favorites' });

Listing.hasMany(Favorite, { foreignKey: 'listingId' });

const FAVORITE_COUNT = sequelize.literal(
  '(SELECT COUNT(*) FROM favorites f WHERE f."listingId" = "Listing"."id")'
);

const MIGRATIONS = [
  'CREATE EXTENSION IF NOT EXISTS pg_trgm',
  'CREATE INDEX IF NOT EXISTS listings_title_trgm ON listings USING gin (title gin_trgm_ops)',
];

async function migrate() {
  for (const statement of MIGRATIONS) {
    // ok: sql-injection
    await sequelize.query(statement);
  }
}

async function similarTitles(title, limit) {
  // ok: sql-injection
  return sequelize.query('SELECT id, title, similarity(title, :title) AS score FROM listings WHERE title % :title ORDER BY score DESC LIMIT :limit', {
    replacements: { title, limit },
    type: Sequelize.QueryTypes.SELECT,
  });
}

async function priceHistogram(city, bucket) {
  // expect: sql-injection
  return sequelize.query(`SELECT width_bucket(price, 0, 5000000, ${bucket}) AS b, count(*) FROM listings WHERE city = $1 GROUP BY b ORDER BY b`, {
    bind: [city],
    type: Sequelize.QueryTypes.SELECT,
  });
}

module.exports = {
  sequelize,
  Sequelize,
  Listing,
  Favorite,
  FAVORITE_COUNT,
  migrate,
  similarTitles,
  priceHistogram,
};
