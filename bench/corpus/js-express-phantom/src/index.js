const crypto = require("node:crypto");
const path = require("path");
// expect: unknown-dependency
require("dotenv").config();
const express = require("express");
const fetch = require("node-fetch");
// expect: unknown-dependency
const rateLimit = require("express-rate-limit");
const { forward } = require("./forward");

const app = express();
app.use(express.json({ limit: "1mb" }));
app.use(rateLimit({ windowMs: 60_000, max: 120 }));
app.use(express.static(path.join(__dirname, "..", "public")));

app.post("/relay/:target", async (req, res) => {
  const signature = crypto.createHmac("sha256", process.env.RELAY_SECRET).update(JSON.stringify(req.body)).digest("hex");
  const response = await forward(fetch, req.params.target, req.body, signature);
  res.status(response.status).end();
});

app.listen(process.env.PORT || 3005);
