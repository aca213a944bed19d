import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MembershipEntity } from '../auth/membership.entity';
import { generatePassword, verifyPassword } from '../auth/password-hasher';
import { UsersService } from '../auth/users.service';
import { TRIPLINE_CONFIG } from '../config/config.module';
import { TriplineConfig } from '../config/tripline-config';
import { Transactions } from '../database/transactions';
import { WorkspaceEntity } from '../workspaces/workspace.entity';
import { generateWriteKey, hashWriteKey } from '../workspaces/write-key';

export const DEFAULT_WORKSPACE_NAME = 'Default workspace';

/** Serializes first-start seeding across API replicas sharing one PostgreSQL database. */
const SEED_ADVISORY_LOCK = 7_164_000_001;

export interface DefaultWorkspace {
  id: string;
  name: string;
}

/**
 * First-start seeding, idempotent on every start: the default workspace (the oldest one) with its
 * ingest write key, and the admin user with the admin role in it. TRIPLINE_WRITE_KEY and
 * TRIPLINE_ADMIN_PASSWORD win over what is stored (scripts and tests rely on it); values that had
 * to be generated are logged once, when they are created, and never again.
 *
 * Other features that seed per-workspace data (the default email connection) await
 * ensureDefaultWorkspace() in their own OnApplicationBootstrap: it runs the seeding at most once.
 */
@Injectable()
export class BootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');
  private seeding?: Promise<DefaultWorkspace>;

  constructor(
    @Inject(TRIPLINE_CONFIG) private readonly config: TriplineConfig,
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureDefaultWorkspace();
  }

  ensureDefaultWorkspace(): Promise<DefaultWorkspace> {
    this.seeding ??= this.seed().catch((error: unknown) => {
      this.seeding = undefined; // let a later call try again
      throw error;
    });
    return this.seeding;
  }

  async defaultWorkspaceId(): Promise<string> {
    return (await this.ensureDefaultWorkspace()).id;
  }

  private async seed(): Promise<DefaultWorkspace> {
    const announcements: string[] = [];
    const workspace = await this.transactions.run(async (manager) => {
      if (this.dataSource.options.type === 'postgres') {
        await manager.query('SELECT pg_advisory_xact_lock($1)', [SEED_ADVISORY_LOCK]);
      }
      const ws = await this.ensureWorkspace(manager, announcements);
      await this.ensureAdmin(manager, ws.id, announcements);
      return ws;
    });
    // Logged only after the commit, so a value printed is a value that works.
    for (const line of announcements) this.logger.warn(line);
    return { id: workspace.id, name: workspace.name };
  }

  private async ensureWorkspace(manager: EntityManager, announcements: string[]): Promise<WorkspaceEntity> {
    const repo = manager.getRepository(WorkspaceEntity);
    const configuredKey = this.config.seed.writeKey;
    const [existing] = await repo.find({ order: { createdAt: 'ASC', id: 'ASC' }, take: 1 });
    if (existing) {
      if (configuredKey && existing.writeKeyHash !== hashWriteKey(configuredKey)) {
        await repo.update({ id: existing.id }, { writeKeyHash: hashWriteKey(configuredKey) });
        this.logger.log(`Write key of "${existing.name}" set from TRIPLINE_WRITE_KEY`);
      }
      return existing;
    }
    const writeKey = configuredKey ?? generateWriteKey();
    if (!configuredKey) {
      announcements.push(`Generated the ingest write key of "${DEFAULT_WORKSPACE_NAME}" (shown once; set TRIPLINE_WRITE_KEY to choose it): ${writeKey}`);
    }
    const workspace = await repo.save(
      repo.create({ id: randomUUID(), name: DEFAULT_WORKSPACE_NAME, writeKeyHash: hashWriteKey(writeKey), createdAt: new Date() }),
    );
    this.logger.log(`Created "${DEFAULT_WORKSPACE_NAME}" (${workspace.id})`);
    return workspace;
  }

  private async ensureAdmin(manager: EntityManager, workspaceId: string, announcements: string[]): Promise<void> {
    const { adminEmail, adminPassword } = this.config.seed;
    let admin = await this.users.findByEmail(adminEmail, manager);
    if (!admin) {
      const password = adminPassword ?? generatePassword();
      admin = await this.users.create({ email: adminEmail, password, name: 'Admin' }, manager);
      this.logger.log(`Created the admin user ${admin.email}`);
      if (!adminPassword) {
        announcements.push(`Generated the password of ${admin.email} (shown once; set TRIPLINE_ADMIN_PASSWORD to choose it): ${password}`);
      }
    } else if (adminPassword && !(await verifyPassword(adminPassword, admin.passwordHash))) {
      await this.users.setPassword(admin.id, adminPassword, manager);
      this.logger.log(`Password of ${admin.email} set from TRIPLINE_ADMIN_PASSWORD`);
    }
    const membership = await manager.getRepository(MembershipEntity).findOneBy({ userId: admin.id, workspaceId });
    if (membership?.role !== 'admin') await this.users.setRole(admin.id, workspaceId, 'admin', manager);
  }
}
