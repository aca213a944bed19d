import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, QueryFailedError, Repository } from 'typeorm';
import { z } from 'zod';
import { AuditLog, type AuditActor } from '../audit/audit-log';
import { auditedNames, changedKeys } from '../audit/changed-keys';
import { SecretBox } from '../crypto/secret-box';
import { Transactions } from '../database/transactions';
import { badUserInput, notFound } from '../graphql/errors';
import { connectionConfigSchema, connectionNameSchema, connectorNameSchema } from './connection-fields';
import { ConnectionEntity } from './connection.entity';

export interface ConnectionFields {
  name: string;
  connector: string;
  config: Record<string, unknown>;
}

/** A connection with its config decrypted: for the worker only, never for clients or logs. */
export interface ResolvedConnection {
  id: string;
  connector: string;
  config: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class ConnectionsService {
  constructor(
    @InjectRepository(ConnectionEntity) private readonly connections: Repository<ConnectionEntity>,
    private readonly secretBox: SecretBox,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
  ) {}

  list(workspaceId: string): Promise<ConnectionEntity[]> {
    return this.connections.find({ where: { workspaceId }, order: { name: 'ASC' } });
  }

  findByName(workspaceId: string, name: string): Promise<ConnectionEntity | null> {
    return this.connections.findOneBy({ workspaceId, name });
  }

  findById(workspaceId: string, id: string): Promise<ConnectionEntity | null> {
    return UUID.test(id) ? this.connections.findOneBy({ workspaceId, id }) : Promise.resolve(null);
  }

  /** Audited as 'connection.created' with the names of the config fields, never their values. */
  create(workspaceId: string, input: ConnectionFields, actor: AuditActor): Promise<ConnectionEntity> {
    const fields = {
      name: check(connectionNameSchema, input.name, 'name'),
      connector: check(connectorNameSchema, input.connector, 'connector'),
      config: check(connectionConfigSchema, input.config, 'config'),
    };
    const id = randomUUID();
    const now = new Date();
    return this.write(async (manager) => {
      await assertNameFree(manager, workspaceId, fields.name);
      const connection = manager.create(ConnectionEntity, {
        id,
        workspaceId,
        name: fields.name,
        connector: fields.connector,
        configEncrypted: this.seal(id, fields.config),
        createdAt: now,
        updatedAt: now,
      });
      await manager.insert(ConnectionEntity, connection);
      await this.audit.append(manager, {
        workspaceId,
        actor,
        action: 'connection.created',
        target: { kind: 'connection', id },
        details: { name: fields.name, connector: fields.connector, configFields: auditedNames(Object.keys(fields.config).sort()) },
      });
      return connection;
    }, fields.name);
  }

  /** Audited as 'connection.updated' with the NAMES of the changed fields ('name', 'config.password'), never values. */
  update(workspaceId: string, id: string, input: Partial<ConnectionFields>, actor: AuditActor): Promise<ConnectionEntity> {
    const name = input.name === undefined || input.name === null ? undefined : check(connectionNameSchema, input.name, 'name');
    const connector = input.connector === undefined || input.connector === null ? undefined : check(connectorNameSchema, input.connector, 'connector');
    const config = input.config === undefined || input.config === null ? undefined : check(connectionConfigSchema, input.config, 'config');
    return this.write(async (manager) => {
      const connection = await manager.findOneBy(ConnectionEntity, { workspaceId, id });
      if (!connection) throw notFound(`Connection ${id}`);
      const changed = changedKeys({ name: connection.name, connector: connection.connector }, { name: name ?? connection.name, connector: connector ?? connection.connector });
      if (config !== undefined) changed.push(...this.changedConfigFields(connection, config));
      if (name !== undefined && name !== connection.name) {
        await assertNameFree(manager, workspaceId, name);
        connection.name = name;
      }
      if (connector !== undefined) connection.connector = connector;
      if (config !== undefined) connection.configEncrypted = this.seal(connection.id, config);
      connection.updatedAt = new Date();
      const saved = await manager.save(connection);
      await this.audit.append(manager, { workspaceId, actor, action: 'connection.updated', target: { kind: 'connection', id }, details: { name: connection.name, changed } });
      return saved;
    }, name);
  }

  /** True when a connection was deleted (audited as 'connection.deleted'); false when the workspace has none with that id. */
  async delete(workspaceId: string, id: string, actor: AuditActor): Promise<boolean> {
    if (!UUID.test(id)) return false;
    return this.transactions.run(async (manager) => {
      const connection = await manager.findOneBy(ConnectionEntity, { workspaceId, id });
      if (!connection) return false;
      const result = await manager.delete(ConnectionEntity, { workspaceId, id });
      if ((result.affected ?? 0) === 0) return false;
      await this.audit.append(manager, { workspaceId, actor, action: 'connection.deleted', target: { kind: 'connection', id }, details: { name: connection.name, connector: connection.connector } });
      return true;
    });
  }

  /** By id, else by name (playbook steps may use either); config decrypted. Null when none matches. */
  async resolve(workspaceId: string, idOrName: string): Promise<ResolvedConnection | null> {
    const connection =
      (UUID.test(idOrName) ? await this.connections.findOneBy({ workspaceId, id: idOrName }) : null) ??
      (await this.connections.findOneBy({ workspaceId, name: idOrName }));
    if (!connection) return null;
    return {
      id: connection.id,
      connector: connection.connector,
      config: this.secretBox.open<Record<string, unknown>>(connection.configEncrypted, associatedDataOf(connection.id)),
    };
  }

  /**
   * A webhook names only its connection (vendors cannot send our credentials); the connection id
   * (a UUID) fixes the workspace. Config decrypted, for the signature check only.
   */
  async resolveForWebhook(connectionId: string): Promise<(ResolvedConnection & { workspaceId: string }) | null> {
    if (!UUID.test(connectionId)) return null;
    const connection = await this.connections.findOneBy({ id: connectionId });
    if (!connection) return null;
    return {
      id: connection.id,
      workspaceId: connection.workspaceId,
      connector: connection.connector,
      config: this.secretBox.open<Record<string, unknown>>(connection.configEncrypted, associatedDataOf(connection.id)),
    };
  }

  /**
   * Re-encrypts the workspace's connections sealed under a previous key (TRIPLINE_SECRET_KEY =
   * "current,previous") with the current one; afterwards the previous key can be dropped.
   */
  async rotateSecrets(workspaceId: string, actor: AuditActor): Promise<{ reencrypted: number; current: number }> {
    return this.transactions.run(async (manager) => {
      const resealedIds: string[] = [];
      const rows = await manager.find(ConnectionEntity, { where: { workspaceId } });
      for (const row of rows) {
        const resealed = this.secretBox.reseal(row.configEncrypted, associatedDataOf(row.id));
        if (resealed === null) continue;
        await manager.update(ConnectionEntity, { workspaceId, id: row.id }, { configEncrypted: resealed });
        resealedIds.push(row.id);
      }
      const result = { reencrypted: resealedIds.length, current: rows.length - resealedIds.length };
      await this.audit.append(manager, {
        workspaceId,
        actor,
        action: 'connection.secretsRotated',
        target: { kind: 'workspace', id: workspaceId },
        details: { ...result, reencryptedIds: resealedIds.sort() },
      });
      return result;
    });
  }

  /**
   * Which config fields an update changes, as 'config.<field>' names. The stored config is opened only
   * to compare; when it cannot be opened (sealed under a key no longer configured) all of it counts.
   */
  private changedConfigFields(connection: ConnectionEntity, config: Record<string, unknown>): string[] {
    let before: Record<string, unknown>;
    try {
      before = this.secretBox.open<Record<string, unknown>>(connection.configEncrypted, associatedDataOf(connection.id));
    } catch {
      return ['config'];
    }
    return changedKeys(before, config, 'config.');
  }

  private seal(id: string, config: Record<string, unknown>): string {
    return this.secretBox.seal(config, associatedDataOf(id));
  }

  /** One unit of work; a name taken meanwhile by a concurrent request surfaces as the same clear error. */
  private async write(work: (manager: EntityManager) => Promise<ConnectionEntity>, name: string | undefined): Promise<ConnectionEntity> {
    try {
      return await this.transactions.run(work);
    } catch (error) {
      if (name !== undefined && isUniqueViolation(error)) throw nameTaken(name);
      throw error;
    }
  }
}

async function assertNameFree(manager: EntityManager, workspaceId: string, name: string): Promise<void> {
  if (await manager.existsBy(ConnectionEntity, { workspaceId, name })) throw nameTaken(name);
}

/** The envelope is bound to its row: copied into another connection it does not open. */
function associatedDataOf(connectionId: string): string {
  return `connection:${connectionId}`;
}

function check<S extends z.ZodType>(schema: S, value: unknown, field: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw badUserInput(parsed.error.issues[0]?.message ?? `${field} is invalid`, { field });
}

function nameTaken(name: string) {
  return badUserInput(`A connection named "${name}" already exists in this workspace`, { field: 'name' });
}

/** SQLite (better-sqlite3) and PostgreSQL report a unique-constraint violation differently. */
function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string } | undefined)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
