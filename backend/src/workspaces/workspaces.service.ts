import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { WorkspaceEntity } from './workspace.entity';
import { hashWriteKey } from './write-key';

@Injectable()
export class WorkspacesService {
  constructor(@InjectRepository(WorkspaceEntity) private readonly workspaces: Repository<WorkspaceEntity>) {}

  async create(name: string, writeKey: string): Promise<WorkspaceEntity> {
    const workspace = this.workspaces.create({
      id: randomUUID(),
      name,
      writeKeyHash: hashWriteKey(writeKey),
      createdAt: new Date(),
    });
    return this.workspaces.save(workspace);
  }

  findById(id: string): Promise<WorkspaceEntity | null> {
    return this.workspaces.findOneBy({ id });
  }

  findByWriteKey(writeKey: string): Promise<WorkspaceEntity | null> {
    return this.workspaces.findOneBy({ writeKeyHash: hashWriteKey(writeKey) });
  }

  /** Points the workspace at a new write key; the old one stops working at once. */
  async rotateWriteKey(id: string, writeKey: string): Promise<void> {
    await this.workspaces.update({ id }, { writeKeyHash: hashWriteKey(writeKey) });
  }

  count(): Promise<number> {
    return this.workspaces.count();
  }
}
