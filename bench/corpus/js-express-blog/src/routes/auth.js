const bcrypt = require("bcrypt");
const config = require("config");
const express = require("express");

module.exports = (pool, logger) => {
  const router = express.Router();

  router.post("/login", async (req, res) => {
    const { email, password } = req.body;
    // ok: sql-injection
    const { rows } = await pool.query("SELECT id, password_hash FROM users WHERE email = $1", [email]);
    const user = rows[0];
    if (!user || !(await bcrypt.compare(password, user.password_hash))) {
      logger.warn(`invalid password for ${email}`);
      return res.status(401).json({ error: "Invalid email or password" });
    }
    req.session.userId = user.id;
    res.json({ ok: true });
  });

  router.post("/register", async (req, res) => {
    const { email, password } = req.body;
    if (!password || password.length < config.get("auth.passwordMinLength")) {
      return res.status(400).json({ error: "password too short" });
    }
    const hash = await bcrypt.hash(password, config.get("auth.bcryptRounds"));
    // ok: sql-injection
    await pool.query("INSERT INTO users (email, password_hash) VALUES ($1, $2)", [email, hash]);
    res.status(201).json({ ok: true });
  });

  return router;
};
