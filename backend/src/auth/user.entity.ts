import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person who signs in. Users are global; what they may do in a workspace is a membership. */
@Entity('users')
export class UserEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  /** Stored lowercased and trimmed: the unique sign-in name. */
  @Column('varchar', { length: 320 })
  email!: string;

  @Column('text', { nullable: true })
  name!: string | null;

  /** See password-hasher.ts for the format. */
  @Column('text', { name: 'password_hash' })
  passwordHash!: string;

  @Column({ name: 'created_at' })
  createdAt!: Date;
}
