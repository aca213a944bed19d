import { Injectable } from '@nestjs/common';
import { dueSubjects } from '@tripline/scoring';
import { DataSource, EntityManager, In } from 'typeorm';
import { Transactions } from '../database/transactions';
import { bulkUpsert } from '../ingest/bulk-sql';
import { OutboxDispatcher } from '../outbox/outbox-dispatcher';
import { OutboxWriter } from '../outbox/outbox-writer';
import { PlaybookVersionEntity } from '../playbooks/playbook-version.entity';
import { PublishedPlaybooksService } from '../playbooks/published-playbooks.service';
import { PublishedScoringModelsService } from '../scoring/published-scoring-models.service';
import { enrollFirings } from '../triggers/enroll-firings';
import { workspaceTriggers } from '../triggers/event-time/workspace-triggers';
import type { PublishedPlaybookVersion } from '../triggers/match-triggers';
import { WorkspaceEntity } from '../workspaces/workspace.entity';
import { candidatePages, type TickWindow } from './tick-candidates';
import { tickFiring } from './tick-firings';
import { tickPlaybooks, type TickPlaybook } from './tick-playbooks';
import { loadTickSubjects } from './tick-subjects';
import { TriggerTickEntity } from './trigger-tick.entity';

export interface TickReport {
  /** When the tick evaluated (the end of every window it covered). */
  now: Date;
  /** Playbooks whose window was evaluated. */
  playbooks: number;
  /** Enrollments made (outbox rows added). */
  enrolled: number;
}

/**
 * Inactivity, schedule (cron) and relative-date triggers of published playbooks — and composites
 * holding them — evaluated on ticks (see README.md). Each playbook's tick covers (last tick, now]: the
 * last tick is stored in trigger_ticks in the same transaction as the enrollments and outbox rows it
 * made, so a crash or restart neither skips nor repeats a window. A playbook never ticked starts from
 * when its current version was published: a new trigger enrolls subjects that come due from then on,
 * not everyone who was already inactive or inside a date window.
 */
@Injectable()
export class ScheduledTriggersService {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly playbooks: PublishedPlaybooksService,
    private readonly models: PublishedScoringModelsService,
    private readonly outbox: OutboxWriter,
    private readonly dispatcher: OutboxDispatcher,
  ) {}

  /** One tick at `now` over every workspace. Ticks run one at a time (the ticker's and any caller's). */
  runTick(now: Date = new Date()): Promise<TickReport> {
    const run = this.queue.then(() => this.tick(now));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async tick(now: Date): Promise<TickReport> {
    const report: TickReport = { now, playbooks: 0, enrolled: 0 };
    const failures: string[] = [];
    const workspaces = await this.dataSource.getRepository(WorkspaceEntity).find({ select: { id: true }, order: { id: 'ASC' } });
    for (const { id: workspaceId } of workspaces) {
      try {
        const published = await this.playbooks.findPublished(workspaceId);
        const ticking = tickPlaybooks(published, await this.models.findPublished(workspaceId));
        if (ticking.length === 0) continue;
        // The ingest lock: enrollment decisions see ingest's and other replicas' enrollments, and two replicas never tick the same window.
        const done = await this.transactions.run((manager) => this.tickWorkspace(manager, workspaceId, published, ticking, now), { lockKey: `ingest:${workspaceId}` });
        report.playbooks += done.playbooks;
        report.enrolled += done.enrolled;
      } catch (error) {
        // One workspace failing (its window stays where it was, to be retried) must not stop the others.
        failures.push(`workspace ${workspaceId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (report.enrolled > 0) this.dispatcher.nudge();
    if (failures.length > 0) throw new Error(`trigger tick at ${now.toISOString()} failed for ${failures.length} workspace(s): ${failures.join('; ')}`);
    return report;
  }

  private async tickWorkspace(
    manager: EntityManager,
    workspaceId: string,
    published: readonly PublishedPlaybookVersion[],
    ticking: readonly TickPlaybook[],
    now: Date,
  ): Promise<{ playbooks: number; enrolled: number }> {
    const previous = await this.previousTicks(manager, workspaceId, ticking);
    const plans = workspaceTriggers(published).kinds;
    const models = await this.models.findPublished(workspaceId);
    const ticked: TriggerTickEntity[] = [];
    let enrolled = 0;
    for (const tick of ticking) {
      const last = previous.get(tick.playbook.playbookId);
      if (last === undefined || now.getTime() <= last) continue;
      const window: TickWindow = { previous: last, now: now.getTime() };
      const read = models.filter((model) => tick.profile.scoreModels.has(model.modelId));
      for await (const ids of candidatePages(manager, workspaceId, tick, window)) {
        const subjects = await loadTickSubjects(manager, workspaceId, tick, ids, plans[tick.subject].plan, read, window);
        const byId = new Map(subjects.map((subject) => [subject.tick.id, subject]));
        const due = dueSubjects(tick.trigger, subjects.map((subject) => subject.tick), { now: window.now, previousTick: window.previous });
        const payloads = await enrollFirings(manager, workspaceId, due.map(({ id }) => tickFiring(tick, byId.get(id)!, window)), now);
        await this.outbox.addStartPlaybookRuns(manager, payloads, now);
        enrolled += payloads.length;
      }
      ticked.push({ workspaceId, playbookId: tick.playbook.playbookId, lastTickAt: now, updatedAt: now });
    }
    await bulkUpsert(manager, TriggerTickEntity, ticked, ['workspaceId', 'playbookId'], ['lastTickAt', 'updatedAt']);
    return { playbooks: ticked.length, enrolled };
  }

  /** Where each playbook's window starts: its last tick, else when its current version was published. */
  private async previousTicks(manager: EntityManager, workspaceId: string, ticking: readonly TickPlaybook[]): Promise<Map<string, number>> {
    const ids = ticking.map((tick) => tick.playbook.playbookId);
    const rows = await manager.find(TriggerTickEntity, { where: { workspaceId, playbookId: In(ids) } });
    const previous = new Map(rows.map((row) => [row.playbookId, row.lastTickAt.getTime()]));
    const unticked = ticking.filter((tick) => !previous.has(tick.playbook.playbookId));
    if (unticked.length > 0) {
      const versions = await manager.find(PlaybookVersionEntity, {
        select: { playbookId: true, version: true, publishedAt: true },
        where: { workspaceId, playbookId: In(unticked.map((tick) => tick.playbook.playbookId)) },
      });
      for (const tick of unticked) {
        const version = versions.find((v) => v.playbookId === tick.playbook.playbookId && v.version === tick.playbook.version);
        if (version) previous.set(tick.playbook.playbookId, version.publishedAt.getTime());
      }
    }
    return previous;
  }
}
