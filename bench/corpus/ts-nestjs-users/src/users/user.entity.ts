import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ unique: true })
  email: string;

  // ok: hardcoded-secret
  @Column({ name: 'password_hash', select: false })
  passwordHash: string;

  @Column({ default: 'member' })
  role: string;
}
