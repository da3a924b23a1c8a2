import { Brackets, DataSource, In, Repository } from 'typeorm';
import { Company, Lead, isLeadStage } from './entities';

const SORT_COLUMNS: Record<string, string> = {
  score: 'lead.score',
  created: 'lead.createdAt',
  name: 'lead.fullName',
};

export interface LeadFilter {
  q?: string;
  stage?: string;
  country?: string;
  minScore?: number;
  sort?: string;
  order?: 'ASC' | 'DESC';
}

export class LeadsService {
  private readonly leads: Repository<Lead>;

  constructor(private readonly dataSource: DataSource) {
    this.leads = dataSource.getRepository(Lead);
  }

  async find(filter: LeadFilter): Promise<Lead[]> {
    const qb = this.leads
      .createQueryBuilder('lead')
      .leftJoinAndSelect('lead.company', 'company')
      .orderBy(SORT_COLUMNS[filter.sort ?? 'created'] ?? 'lead.createdAt', filter.order === 'ASC' ? 'ASC' : 'DESC')
      .take(100);
    if (filter.q) {
      qb.andWhere(
        new Brackets((w) => {
          // ok: sql-injection
          w.where('lead.email ILIKE :q', { q: `%${filter.q}%` }).orWhere('lead.fullName ILIKE :q', {
            q: `%${filter.q}%`,
          });
        })
      );
    }
    if (filter.stage && isLeadStage(filter.stage)) {
      qb.andWhere('lead.stage = :stage', { stage: filter.stage });
    }
    if (filter.country) {
      // expect: sql-injection
      qb.andWhere(`company.country = '${filter.country}'`);
    }
    if (filter.minScore !== undefined) {
      qb.andWhere('lead.score >= :min', { min: filter.minScore });
    }
    return qb.getMany();
  }

  async byIds(ids: number[]): Promise<Lead[]> {
    // ok: sql-injection
    return this.leads.find({ where: { id: In(ids) }, relations: { company: true } });
  }

  async companyLeads(companyName: string): Promise<Lead[]> {
    return (
      this.leads
        .createQueryBuilder('lead')
        .innerJoin('lead.company', 'company')
        // expect: sql-injection
        .where("company.name = '" + companyName + "'")
        .getMany()
    );
  }

  async stageFunnel(since: string): Promise<Array<{ stage: string; n: string }>> {
    // ok: sql-injection
    return this.dataSource.query(
      'SELECT stage, count(*) AS n FROM leads WHERE created_at >= $1 GROUP BY stage ORDER BY n DESC',
      [since]
    );
  }

  async scoreLeaderboard(industry: string, limit: number): Promise<unknown[]> {
    let sql = 'SELECT l.id, l.full_name, l.score FROM leads l JOIN companies c ON c.id = l."companyId"';
    if (industry) {
      sql += ` WHERE c.industry = '${industry}'`;
    }
    sql += ' ORDER BY l.score DESC LIMIT $1';
    // expect: sql-injection
    return this.dataSource.query(sql, [limit]);
  }

  async bulkStage(ids: number[], stage: string): Promise<void> {
    if (!isLeadStage(stage)) throw new Error(`unknown stage ${stage}`);
    const placeholders = ids.map((_, i) => `$${i + 2}`).join(', ');
    // ok: sql-injection
    await this.dataSource.query(`UPDATE leads SET stage = $1 WHERE id IN (${placeholders})`, [stage, ...ids]);
  }

  async mergeCompanies(keepId: number, dropId: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // ok: sql-injection
      await manager.query('UPDATE leads SET "companyId" = $1 WHERE "companyId" = $2', [keepId, dropId]);
      await manager.delete(Company, { id: dropId });
    });
  }
}
