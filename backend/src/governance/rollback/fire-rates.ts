import { Injectable } from '@nestjs/common';
import { DataSource, In, MoreThanOrEqual, Between, type FindOptionsWhere } from 'typeorm';
import { forbidden } from '../../graphql/errors';
import { PublishedPlaybooksService } from '../../playbooks/published-playbooks.service';
import { RunEntity } from '../../runs/run.entity';
import type { ChangeTarget } from '../change-requests/change-targets';
import { ChangeTargets } from '../change-requests/change-targets';
import { modelsReadBy } from '../impact/trigger-models';
import type { VersionFires } from './rollback-criterion';

const HOUR_MS = 3_600_000;
/** The previous version's rate is taken over at most the last week it was live. */
const PREVIOUS_WINDOW_MS = 7 * 24 * HOUR_MS;

/** Fires (runs started) of the current version since it was published, and of the previous one over its time live. */
export interface TargetFires {
  current: VersionFires;
  previous: VersionFires | null;
  /** What was counted, for the audit entry: "runs of playbook X" or "runs of the 2 published playbooks triggered by …". */
  counted: string;
}

/**
 * Counts trigger fires for the rollback criterion from the `runs` table (one run per enrollment,
 * i.e. per fire). A playbook: its runs by version. A scoring model: the runs of the published
 * playbooks whose trigger reads the model, by time (a run does not record the model version).
 */
@Injectable()
export class FireRates {
  constructor(
    private readonly dataSource: DataSource,
    private readonly targets: ChangeTargets,
    private readonly published: PublishedPlaybooksService,
  ) {}

  async of(workspaceId: string, target: ChangeTarget, now: Date = new Date()): Promise<TargetFires> {
    const version = target.publishedVersion!;
    const current = await this.targets.versionRow(workspaceId, target.kind, target.id, version);
    const previous = version > 1 ? await this.targets.versionRow(workspaceId, target.kind, target.id, version - 1) : null;
    const since = current!.publishedAt;
    const previousFrom = previous ? new Date(Math.max(previous.publishedAt.getTime(), since.getTime() - PREVIOUS_WINDOW_MS)) : null;

    let currentWhere: FindOptionsWhere<RunEntity>;
    let previousWhere: FindOptionsWhere<RunEntity> | null;
    let counted: string;
    if (target.kind === 'playbook') {
      currentWhere = { workspaceId, playbookId: target.id, playbookVersion: version, startedAt: MoreThanOrEqual(since) };
      previousWhere = previousFrom ? { workspaceId, playbookId: target.id, playbookVersion: version - 1, startedAt: Between(previousFrom, new Date(since.getTime() - 1)) } : null;
      counted = `runs of playbook "${target.name}" by version`;
    } else {
      const dependents = (await this.published.findPublished(workspaceId)).filter((playbook) => modelsReadBy(playbook.definition.trigger).includes(target.id));
      if (dependents.length === 0) {
        throw forbidden(
          `No rollback criterion applies to scoring model "${target.name}": no published playbook's trigger reads it, so there is no fire rate to compare. Submit a rollback change request instead`,
        );
      }
      const playbookId = In(dependents.map((playbook) => playbook.playbookId));
      currentWhere = { workspaceId, playbookId, startedAt: MoreThanOrEqual(since) };
      previousWhere = previousFrom ? { workspaceId, playbookId, startedAt: Between(previousFrom, new Date(since.getTime() - 1)) } : null;
      counted = `runs of the ${dependents.length} published playbook${dependents.length === 1 ? '' : 's'} whose trigger reads scoring model "${target.name}"`;
    }
    const runs = this.dataSource.getRepository(RunEntity);
    return {
      current: { version, fires: await runs.countBy(currentWhere), hours: (now.getTime() - since.getTime()) / HOUR_MS },
      previous:
        previousWhere && previousFrom
          ? { version: version - 1, fires: await runs.countBy(previousWhere), hours: (since.getTime() - previousFrom.getTime()) / HOUR_MS }
          : null,
      counted,
    };
  }
}
