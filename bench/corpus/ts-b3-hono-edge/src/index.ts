import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { sign } from 'hono/jwt';
import { accounts } from './accounts';

type Bindings = {
  ALLOWED_ORIGINS: string;
  JWT_SECRET: string;
  KV: KVNamespace;
};

const app = new Hono<{ Bindings: Bindings }>();

// Status feed for the public status page.
// expect: permissive-cors
app.use('/status/*', cors());

// ok: permissive-cors
app.use('/api/*', async (c, next) => {
  const allowed = c.env.ALLOWED_ORIGINS.split(',');
  const middleware = cors({ origin: allowed, credentials: true, allowMethods: ['GET', 'POST'] });
  return middleware(c, next);
});

// expect: permissive-cors
app.use('/embed/*', cors({ origin: (origin) => origin, credentials: true }));

// ok: permissive-cors
app.use('/partner/*', cors({
  origin: (origin) => (origin.endsWith('.partners.example.com') ? origin : 'https://partners.example.com'),
}));

app.get('/status/summary', async (c) => {
  const summary = await c.env.KV.get('status:summary', 'json');
  return c.json(summary ?? { state: 'unknown' });
});

app.post('/api/session', async (c) => {
  const { userId } = await c.req.json<{ userId: string }>();
  // ok: hardcoded-secret
  const token = await sign({ sub: userId, exp: Math.floor(Date.now() / 1000) + 3600 }, c.env.JWT_SECRET);
  return c.json({ token });
});

app.route('/accounts', accounts);

app.options('/legacy/*', (c) => {
  const origin = c.req.header('Origin') ?? '';
  // expect: permissive-cors
  c.header('Access-Control-Allow-Origin', origin);
  c.header('Access-Control-Allow-Credentials', 'true');
  return c.body(null, 204);
});

export default app;
