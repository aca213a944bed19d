import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Credentials and settings for one connector in one workspace (e.g. an SMTP server). */
@Entity('connections')
@Index('uq_connections_workspace_name', ['workspaceId', 'name'], { unique: true })
export class ConnectionEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  /** What playbook action steps refer to (`connection: "default-email"`). */
  @Column('varchar', { length: 255 })
  name!: string;

  /** The connector package name, e.g. "email". */
  @Column('varchar', { length: 255 })
  connector!: string;

  /** SecretBox envelope of the JSON config, bound to this row's id. */
  @Column('text', { name: 'config_encrypted' })
  configEncrypted!: string;

  @Column({ name: 'created_at' })
  createdAt!: Date;

  @Column({ name: 'updated_at' })
  updatedAt!: Date;
}
