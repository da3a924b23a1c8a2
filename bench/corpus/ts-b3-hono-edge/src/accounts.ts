import { Hono } from 'hono';
import { sign } from 'hono/jwt';

export const accounts = new Hono();

// ok: hardcoded-secret
const TOKEN_COOKIE = 'edge_session';

// expect: hardcoded-secret
const SIGNING_SECRET = 'edge-accounts-hmac-7c4f1a9b2e6d';

const TRUSTED = ['https://app.example.com', 'https://admin.example.com'];

accounts.get('/me', async (c) => {
  const origin = c.req.header('Origin');
  if (origin && TRUSTED.includes(origin)) {
    // ok: permissive-cors
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Vary', 'Origin');
  }
  const token = await sign({ sub: c.req.header('X-User') ?? 'anon' }, SIGNING_SECRET);
  c.header('Set-Cookie', `${TOKEN_COOKIE}=${token}; HttpOnly; Secure; SameSite=Lax`);
  return c.json({ ok: true });
});
