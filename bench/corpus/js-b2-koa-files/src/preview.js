'use strict';

// Thumbnail previews are embedded by the docs site, the helpdesk and a few partner
// intranets; the list kept changing so the check was dropped.
const Koa = require('koa');
const cors = require('@koa/cors');

const preview = new Koa();

// expect: permissive-cors
preview.use(
  cors({
    origin: (ctx) => ctx.get('Origin') || '*',
    credentials: true,
  })
);

preview.use(async (ctx) => {
  if (ctx.path === '/health') {
    ctx.body = 'ok';
    return;
  }
  ctx.type = 'image/png';
  ctx.body = Buffer.alloc(0);
});

module.exports = preview;
