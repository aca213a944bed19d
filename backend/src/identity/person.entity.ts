import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person: one Segment user, however many anonymous ids and user ids point at them. */
@Entity('persons')
export class PersonEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  /** Null while only anonymous ids are known. */
  @Column('varchar', { name: 'user_id', length: 255, nullable: true })
  userId!: string | null;

  @Column('simple-json')
  traits!: Record<string, unknown>;

  /** The account of the person's latest group call. */
  @Column('varchar', { name: 'account_id', length: 36, nullable: true })
  accountId!: string | null;

  @Column({ name: 'created_at' })
  createdAt!: Date;

  @Column({ name: 'updated_at' })
  updatedAt!: Date;
}
