const mysql = require("mysql2/promise");

const pool = mysql.createPool({
  host: process.env.DB_HOST || "localhost",
  user: process.env.DB_USER || "shop",
  // expect: hardcoded-secret
  password: process.env.DB_PASSWORD || "Sh0pDbP@ss!2023",
  database: process.env.DB_NAME || "shop",
  waitForConnections: true,
  connectionLimit: 10,
});

module.exports = pool;
