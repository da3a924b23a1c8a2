'use strict';

require('dotenv').config();

const Koa = require('koa');
const Router = require('@koa/router');
const cors = require('@koa/cors');
const { koaBody } = require('koa-body');
const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');
const { getSignedUrl } = require('@aws-sdk/s3-request-presigner');

const app = new Koa();
const router = new Router({ prefix: '/files' });
const s3 = new S3Client({ region: process.env.AWS_REGION });

// ok: permissive-cors
const allowed = (process.env.ALLOWED_ORIGINS || '').split(',').map((s) => s.trim()).filter(Boolean);

// ok: permissive-cors
app.use(
  cors({
    origin: (ctx) => {
      const origin = ctx.get('Origin');
      return allowed.includes(origin) ? origin : '';
    },
    credentials: true,
  })
);

router.get('/:key/link', async (ctx) => {
  const url = await getSignedUrl(
    s3,
    new GetObjectCommand({ Bucket: process.env.FILES_BUCKET, Key: ctx.params.key }),
    { expiresIn: 300 }
  );
  ctx.body = { url };
});

router.post('/', koaBody({ multipart: true, formidable: { maxFileSize: 20 * 1024 * 1024 } }), async (ctx) => {
  ctx.status = 202;
  ctx.body = { received: Object.keys(ctx.request.files || {}) };
});

app.use(router.routes()).use(router.allowedMethods());

module.exports = app;
