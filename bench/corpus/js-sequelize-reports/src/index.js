const express = require("express");
const { Op, QueryTypes } = require("sequelize");
const { sequelize, Sale } = require("./models");

const app = express();

app.get("/reports/region/:region", async (req, res) => {
  // ok: sql-injection
  const rows = await sequelize.query("SELECT date_trunc('day', \"soldAt\") AS day, SUM(amount) FROM \"Sales\" WHERE region = :region GROUP BY day", {
    replacements: { region: req.params.region },
    type: QueryTypes.SELECT,
  });
  res.json(rows);
});

app.get("/reports/top", async (req, res) => {
  const limit = req.query.limit || 10;
  const since = req.query.since;
  // expect: sql-injection
  const rows = await sequelize.query(`SELECT region, SUM(amount) AS total FROM "Sales" WHERE "soldAt" > '${since}' GROUP BY region ORDER BY total DESC LIMIT ${limit}`, { type: QueryTypes.SELECT });
  res.json(rows);
});

app.get("/reports/search", async (req, res) => {
  const rows = await Sale.findAll({
    where: {
      // ok: sql-injection
      region: { [Op.iLike]: `%${req.query.q}%` },
    },
    // expect: sql-injection
    order: [[sequelize.literal(`amount ${req.query.dir}`)]],
  });
  res.json(rows);
});

app.get("/reports/totals", async (req, res) => {
  const rows = await Sale.findAll({
    // ok: sql-injection
    attributes: ["region", [sequelize.fn("SUM", sequelize.col("amount")), "total"]],
    group: ["region"],
  });
  res.json(rows);
});

app.listen(3002);
