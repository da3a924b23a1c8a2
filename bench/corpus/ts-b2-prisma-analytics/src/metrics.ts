import { Prisma, PrismaClient } from '@prisma/client';

export const prisma = new PrismaClient();

const INTERVALS = { hour: 'hour', day: 'day', week: 'week', month: 'month' } as const;
type Interval = keyof typeof INTERVALS;

export interface SeriesPoint {
  bucket: Date;
  count: bigint;
}

export async function eventSeries(
  projectId: string,
  event: string,
  interval: string,
  from: Date,
  to: Date
): Promise<SeriesPoint[]> {
  const unit = INTERVALS[(interval as Interval) ?? 'day'] ?? 'day';
  // ok: sql-injection
  return prisma.$queryRawUnsafe<SeriesPoint[]>(
    `SELECT date_trunc('${unit}', ts) AS bucket, count(*) AS count
       FROM events
      WHERE project_id = $1 AND name = $2 AND ts >= $3 AND ts < $4
      GROUP BY 1 ORDER BY 1`,
    projectId,
    event,
    from,
    to
  );
}

export async function topPages(projectId: string, limit: number) {
  // ok: sql-injection
  return prisma.$queryRaw`
    SELECT path, count(*)::int AS views
      FROM events
     WHERE project_id = ${projectId} AND name = 'pageview'
     GROUP BY path
     ORDER BY views DESC
     LIMIT ${limit}`;
}

export async function breakdown(projectId: string, property: string, from: Date) {
  // expect: sql-injection
  return prisma.$queryRawUnsafe(
    `SELECT props->>'${property}' AS value, count(*)::int AS n
       FROM events
      WHERE project_id = $1 AND ts >= $2
      GROUP BY 1 ORDER BY n DESC LIMIT 50`,
    projectId,
    from
  );
}

export async function eventsForNames(projectId: string, names: string[]) {
  // ok: sql-injection
  return prisma.$queryRaw(
    Prisma.sql`SELECT name, count(*)::int AS n FROM events
               WHERE project_id = ${projectId} AND name IN (${Prisma.join(names)})
               GROUP BY name`
  );
}

export async function funnel(projectId: string, steps: string[]) {
  let sql = 'SELECT ';
  sql += steps
    .map((step, i) => `count(DISTINCT CASE WHEN name = '${step}' THEN visitor_id END) AS step_${i}`)
    .join(', ');
  sql += ' FROM events WHERE project_id = $1';
  // expect: sql-injection
  return prisma.$queryRawUnsafe(sql, projectId);
}

export async function purgeProject(projectId: string, before: Date) {
  // ok: sql-injection
  const deleted = await prisma.$executeRaw`DELETE FROM events WHERE project_id = ${projectId} AND ts < ${before}`;
  console.info(`DELETE FROM events: removed ${deleted} rows for ${projectId}`);
  return deleted;
}

export async function retentionCleanup(days: string) {
  // expect: sql-injection
  return prisma.$executeRawUnsafe(`DELETE FROM events WHERE ts < now() - interval '${days} days'`);
}

export async function projectsForOwner(ownerId: string) {
  // ok: sql-injection
  return prisma.project.findMany({
    where: { members: { some: { userId: ownerId } } },
    orderBy: { createdAt: 'desc' },
  });
}
