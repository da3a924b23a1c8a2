import { Router, Request, Response, NextFunction } from 'express';
import { DataSource } from 'typeorm';
import { LeadsService } from './leads.service';

type Handler = (req: Request, res: Response) => Promise<unknown>;

const wrap =
  (fn: Handler) =>
  (req: Request, res: Response, next: NextFunction): void => {
    fn(req, res).catch(next);
  };

export function leadRoutes(dataSource: DataSource): Router {
  const router = Router();
  const service = new LeadsService(dataSource);

  router.get(
    '/leads',
    wrap(async (req, res) => {
      const { q, stage, country, minScore, sort, order } = req.query as Record<string, string>;
      const leads = await service.find({
        q,
        stage,
        country,
        minScore: minScore ? Number(minScore) : undefined,
        sort,
        order: order === 'ASC' ? 'ASC' : 'DESC',
      });
      res.json(leads);
    })
  );

  router.get(
    '/companies/:name/leads',
    wrap(async (req, res) => {
      res.json(await service.companyLeads(req.params.name));
    })
  );

  router.get(
    '/reports/funnel',
    wrap(async (req, res) => {
      res.json(await service.stageFunnel(String(req.query.since ?? '1970-01-01')));
    })
  );

  router.get(
    '/reports/leaderboard',
    wrap(async (req, res) => {
      res.json(await service.scoreLeaderboard(String(req.query.industry ?? ''), 20));
    })
  );

  router.post(
    '/leads/stage',
    wrap(async (req, res) => {
      const ids: number[] = (req.body.ids ?? []).map(Number).filter(Number.isInteger);
      await service.bulkStage(ids, req.body.stage);
      res.sendStatus(204);
    })
  );

  router.post(
    '/companies/:id/merge',
    wrap(async (req, res) => {
      await service.mergeCompanies(Number(req.params.id), Number(req.body.dropId));
      res.sendStatus(204);
    })
  );

  return router;
}
