const config = require("config");
const express = require("express");
const session = require("express-session");
const helmet = require("helmet");
const winston = require("winston");
const { Pool } = require("pg");

const logger = winston.createLogger({ transports: [new winston.transports.Console()] });
const pool = new Pool(config.get("db"));
const app = express();
const allowed = new Set(config.get("cors.origins"));

app.use(helmet());
app.use(express.json());
// ok: hardcoded-secret
app.use(session({ name: config.get("session.name"), secret: config.get("session.secret"), resave: false, saveUninitialized: false }));

app.use((req, res, next) => {
  const origin = req.get("origin");
  if (origin && allowed.has(origin)) {
    // ok: permissive-cors
    res.set("Access-Control-Allow-Origin", origin);
    res.set("Vary", "Origin");
  }
  next();
});

app.use("/posts", require("./routes/posts")(pool, logger));
app.use("/auth", require("./routes/auth")(pool, logger));

app.use((err, req, res, next) => {
  logger.error(`request failed: ${req.method} ${req.path}: ${err.message}`);
  res.status(500).json({ error: "internal error" });
});

app.listen(config.get("server.port"));
