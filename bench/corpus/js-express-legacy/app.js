var express = require("express");
var bodyParser = require("body-parser");
var db = require("./lib/db");

var app = express();
app.use(bodyParser.json());

var TRUSTED = ["https://portal.example.com", "https://admin.example.com"];

// Allow the partner widget to call the public endpoints from anywhere.
app.use("/public", function (req, res, next) {
  // expect: permissive-cors
  res.setHeader("Access-Control-Allow-Origin", "*");
  res.setHeader("Access-Control-Allow-Methods", "GET");
  next();
});

app.use("/account", function (req, res, next) {
  // expect: permissive-cors
  res.header("Access-Control-Allow-Origin", req.headers.origin);
  res.header("Access-Control-Allow-Credentials", "true");
  next();
});

app.use("/admin", function (req, res, next) {
  var origin = req.headers.origin;
  if (TRUSTED.indexOf(origin) !== -1) {
    // ok: permissive-cors
    res.setHeader("Access-Control-Allow-Origin", origin);
    res.setHeader("Vary", "Origin");
  }
  next();
});

app.get("/public/branches", function (req, res) {
  // ok: sql-injection
  db.query("SELECT id, city FROM branches WHERE active = 1", function (err, rows) {
    if (err) return res.status(500).end();
    res.json(rows);
  });
});

app.get("/account/:id/statements", function (req, res) {
  var from = req.query.from;
  // expect: sql-injection
  db.query("SELECT * FROM statements WHERE account_id = " + req.params.id + " AND issued >= '" + from + "'", function (err, rows) {
    if (err) return res.status(500).end();
    res.json(rows);
  });
});

app.get("/account/:id", function (req, res) {
  // ok: sql-injection
  db.query("SELECT id, holder FROM accounts WHERE id = ?", [req.params.id], function (err, rows) {
    if (err) return res.status(500).end();
    res.json(rows[0]);
  });
});

app.listen(8080);
