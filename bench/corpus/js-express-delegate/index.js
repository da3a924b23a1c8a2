require("dotenv").config();
const cors = require("cors");
const express = require("express");

const app = express();
const trusted = ["https://media.example.com"];

// expect: permissive-cors
const corsOptionsDelegate = (req, callback) => callback(null, { origin: true, credentials: true });

// ok: permissive-cors
const strictDelegate = (req, callback) => callback(null, { origin: trusted.includes(req.header("Origin")) });

app.options("/upload", cors(strictDelegate));
app.post("/upload", cors(strictDelegate), (req, res) => res.status(202).end());
app.get("/media/:id", cors(corsOptionsDelegate), (req, res) => res.json({ id: req.params.id }));

app.use("/legacy", (req, res, next) => {
  // expect: permissive-cors
  res.set({ "Access-Control-Allow-Origin": req.get("origin") || "*", "Access-Control-Allow-Credentials": "true" });
  next();
});

// ok: permissive-cors
app.use("/config", cors({ origin: process.env.CORS_ORIGIN }));

app.listen(process.env.PORT);
