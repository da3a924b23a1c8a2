import { Injectable } from '@nestjs/common';
import { Prisma, PrismaClient } from '@prisma/client';
import knexFactory from 'knex';
import { DataSource } from 'typeorm';

const prisma = new PrismaClient();
const knex = knexFactory({ client: 'pg', connection: process.env.DATABASE_URL });

@Injectable()
export class InvoicesRepository {
  constructor(private readonly dataSource: DataSource) {}

  byCustomer(customerId: string) {
    // ok: sql-injection
    return prisma.$queryRaw(Prisma.sql`SELECT * FROM invoices WHERE customer_id = ${customerId}`);
  }

  overdue(days: string) {
    // expect: sql-injection
    return prisma.$executeRawUnsafe(`UPDATE invoices SET status = 'overdue' WHERE due < now() - interval '${days} days'`);
  }

  search(currency: string, minTotal: number) {
    return this.dataSource
      .createQueryBuilder()
      .select('i')
      .from('invoices', 'i')
      // ok: sql-injection
      .where('i.total >= :minTotal', { minTotal })
      // expect: sql-injection
      .andWhere(`i.currency = '${currency}'`)
      .getMany();
  }

  totalsByRegion(having: string) {
    return knex('invoices')
      .select('region')
      .sum('total as total')
      .groupBy('region')
      // expect: sql-injection
      .havingRaw(`sum(total) > ${having}`);
  }

  withCustomers(segment: string) {
    return knex('invoices')
      // expect: sql-injection
      .joinRaw(`JOIN customers c ON c.id = invoices.customer_id AND c.segment = '${segment}'`)
      .select('invoices.*');
  }

  withOwners(segment: string) {
    return knex('invoices')
      // ok: sql-injection
      .joinRaw('JOIN customers c ON c.id = invoices.customer_id AND c.segment = ?', [segment])
      .select('invoices.*');
  }
}
