import {
  Column,
  CreateDateColumn,
  Entity,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
} from 'typeorm';

@Entity({ name: 'companies' })
export class Company {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  name!: string;

  @Column({ nullable: true })
  industry?: string;

  @Column({ length: 2 })
  country!: string;

  @OneToMany(() => Lead, (lead) => lead.company)
  leads!: Lead[];

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}

@Entity({ name: 'leads' })
export class Lead {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  email!: string;

  @Column({ name: 'full_name' })
  fullName!: string;

  @Column({ default: 'new' })
  stage!: string;

  @Column({ type: 'int', default: 0 })
  score!: number;

  @ManyToOne(() => Company, (company) => company.leads)
  company!: Company;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}

export const LEAD_STAGES = ['new', 'contacted', 'qualified', 'won', 'lost'] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];

export function isLeadStage(value: unknown): value is LeadStage {
  return typeof value === 'string' && (LEAD_STAGES as readonly string[]).includes(value);
}
