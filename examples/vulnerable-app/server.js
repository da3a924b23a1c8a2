// An Express API with the same flaws, in JavaScript.
const express = require("express");
const cors = require("cors");
const mysql = require("mysql2");

const app = express();
app.use(cors({ origin: true, credentials: true }));

const pool = mysql.createPool({ host: "db", user: "shop", database: "shop" });

app.get("/users/:id", (req, res) => {
  pool.query("SELECT * FROM users WHERE id = " + req.params.id, (err, rows) => {
    res.json(rows);
  });
});

app.listen(3000);
