import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Role } from '../../workflows/policy';
import { ScopeLevel } from '../common/actor.decorator';
import { JsonColumn, TimestampColumn } from '../database/columns';

/** A person who signs in: one agency, one geographic scope, some roles. */
@Entity('accounts')
export class Account {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  username!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 120 })
  displayName!: string;

  @Column({ name: 'agency_id', type: 'varchar', length: 36 })
  agencyId!: string;

  @JsonColumn()
  roles!: Role[];

  @Column({ name: 'scope_level', type: 'varchar', length: 16 })
  scopeLevel!: ScopeLevel;

  @Column({ name: 'scope_code', type: 'varchar', length: 48, nullable: true })
  scopeCode!: string | null;

  /** scrypt, with its parameters and salt: `scrypt$N$r$p$salt$hash`. */
  @Column({ name: 'password_hash', type: 'varchar', length: 300 })
  passwordHash!: string;

  /** Seeded for the embedded demo; refused in production. */
  @Column({ type: 'boolean' })
  demo!: boolean;

  @Column({ type: 'boolean' })
  active!: boolean;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: Date;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
