const { DataTypes, Sequelize } = require("sequelize");

// ok: hardcoded-secret
const sequelize = new Sequelize(process.env.DATABASE_URL, { dialect: "postgres", logging: false });

const Sale = sequelize.define("Sale", {
  region: DataTypes.STRING,
  amount: DataTypes.DECIMAL(10, 2),
  soldAt: DataTypes.DATE,
});

module.exports = { sequelize, Sale };
