import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  async findOne(id: number): Promise<User> {
    // ok: sql-injection
    const user = await this.users.findOne({ where: { id } });
    if (!user) throw new NotFoundException(`user ${id} not found`);
    return user;
  }

  findByRole(role: string): Promise<User[]> {
    // ok: sql-injection
    return this.users.createQueryBuilder('u').where('u.role = :role', { role }).getMany();
  }

  findByEmailDomain(domain: string): Promise<User[]> {
    // expect: sql-injection
    return this.users.createQueryBuilder('u').where(`u.email LIKE '%@${domain}'`).getMany();
  }

  async countByRole(role: string): Promise<number> {
    // expect: sql-injection
    const rows = await this.dataSource.query(`SELECT count(*) AS n FROM users WHERE role = '${role}'`);
    return Number(rows[0].n);
  }

  async promote(id: number, role: string): Promise<void> {
    // ok: sql-injection
    await this.dataSource.query('UPDATE users SET role = $1 WHERE id = $2', [role, id]);
  }
}
