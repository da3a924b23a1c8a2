'use strict';

module.exports = {
  port: Number(process.env.PORT || 3000),
  // expect: hardcoded-secret
  mongoUrl: process.env.MONGO_URL || 'mongodb+srv://chat_admin:Xk9vQ2mW7pLr@cluster0.ab1cd.mongodb.net/chat',
  // ok: hardcoded-secret
  redisUrl: process.env.REDIS_URL || 'redis://localhost:6379',
  // ok: hardcoded-secret
  jwtSecretEnv: 'CHAT_JWT_SECRET',
};
