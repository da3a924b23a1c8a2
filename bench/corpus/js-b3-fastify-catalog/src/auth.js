'use strict';

const axios = require('axios');
const bcrypt = require('bcrypt');
const jwt = require('jsonwebtoken');
const config = require('./config');

const supplier = axios.create({
  baseURL: config.supplierApi,
  timeout: 5000,
  // ok: hardcoded-secret
  headers: { Authorization: `Bearer ${process.env.SUPPLIER_API_TOKEN}` },
});

function registerAuth(app) {
  app.post('/login', async (request, reply) => {
    const { email, password } = request.body;
    const user = await app.users.findByEmail(email);
    if (!user || !(await bcrypt.compare(password, user.passwordHash))) {
      reply.code(401);
      return { error: 'invalid credentials' };
    }
    // expect: hardcoded-secret
    const token = jwt.sign({ sub: user.id, role: user.role }, 'catalog-jwt-secret-2f7c1d9e84ab', {
      expiresIn: '1h',
    });
    return { token };
  });

  app.post('/refresh', async (request, reply) => {
    const claims = jwt.verify(request.body.refreshToken, config.refreshSecret);
    // ok: hardcoded-secret
    const token = jwt.sign({ sub: claims.sub, role: claims.role }, config.jwtSecret, { expiresIn: '1h' });
    return { token };
  });

  app.get('/supplier/stock/:sku', async (request) => {
    const { data } = await supplier.get(`/stock/${encodeURIComponent(request.params.sku)}`);
    return data;
  });
}

module.exports = { registerAuth };
