import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { breakdown, eventSeries, funnel, projectsForOwner, retentionCleanup, topPages } from './metrics';
import { enqueue, flush, pendingSince } from './buffer';

const app = new Hono();

app.get('/projects', async (c) => {
  const owner = c.req.header('x-user-id');
  if (!owner) return c.json({ error: 'unauthenticated' }, 401);
  return c.json(await projectsForOwner(owner));
});

app.get('/projects/:id/series', async (c) => {
  const { event = 'pageview', interval = 'day', from, to } = c.req.query();
  const points = await eventSeries(
    c.req.param('id'),
    event,
    interval,
    new Date(from ?? Date.now() - 7 * 86400_000),
    new Date(to ?? Date.now())
  );
  return c.json(points.map((p) => ({ bucket: p.bucket, count: Number(p.count) })));
});

app.get('/projects/:id/top-pages', async (c) =>
  c.json(await topPages(c.req.param('id'), Math.min(Number(c.req.query('limit') ?? 10), 100)))
);

app.get('/projects/:id/breakdown', async (c) => {
  const property = c.req.query('property') ?? 'browser';
  return c.json(await breakdown(c.req.param('id'), property, new Date(Date.now() - 30 * 86400_000)));
});

app.post('/projects/:id/funnel', async (c) => {
  const body = await c.req.json<{ steps: string[] }>();
  return c.json(await funnel(c.req.param('id'), body.steps ?? []));
});

app.post('/projects/:id/events', async (c) => {
  const events = await c.req.json<Array<{ name: string; props: unknown }>>();
  enqueue(c.req.param('id'), events);
  return c.json({ queued: events.length }, 202);
});

app.get('/projects/:id/pending', (c) => c.json(pendingSince(c.req.param('id'), c.req.query('since') ?? '0')));

app.post('/projects/:id/flush', async (c) => c.json({ flushed: await flush(c.req.param('id')) }));

app.post('/admin/retention', async (c) => {
  const { days } = await c.req.json<{ days: string }>();
  return c.json({ deleted: await retentionCleanup(days) });
});

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 8787) });
