var mysql = require("mysql");

var connection = mysql.createConnection({
  host: "db.internal.example.com",
  user: "legacy_app",
  // expect: hardcoded-secret
  password: "L3gacy!Pass#42",
  database: "bank",
});

connection.connect();
module.exports = connection;
