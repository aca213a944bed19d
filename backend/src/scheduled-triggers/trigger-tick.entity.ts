import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The end of the last window a tick evaluated for one published playbook's tick-time trigger. */
@Entity('trigger_ticks')
export class TriggerTickEntity {
  @PrimaryColumn('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @PrimaryColumn('varchar', { name: 'playbook_id', length: 36 })
  playbookId!: string;

  /** The next tick covers (last_tick_at, now]. */
  @Column({ name: 'last_tick_at' })
  lastTickAt!: Date;

  @Column({ name: 'updated_at' })
  updatedAt!: Date;
}
