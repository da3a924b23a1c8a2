'use strict';

module.exports = {
  port: Number(process.env.PORT || 3000),
  widgetPort: Number(process.env.WIDGET_PORT || 3001),
  corsOrigins: (process.env.CORS_ORIGINS || 'https://catalog.example.com').split(','),
  badgeOrigin: process.env.BADGE_ORIGIN || 'https://partners.example.com',
  supplierApi: process.env.SUPPLIER_API || 'https://api.supplier.example.com/v2',
  // ok: hardcoded-secret
  jwtSecret: process.env.JWT_SECRET,
  // ok: hardcoded-secret
  refreshSecret: process.env.JWT_REFRESH_SECRET || '',
  // ok: hardcoded-secret
  jwtSecretName: 'catalog/jwt-signing-key',
};
