import { Inject, Injectable } from '@nestjs/common';
import type { ConnectorRegistry } from '@tripline/connector-sdk';
import type { ApprovalPolicy, ChangeImpact, Playbook } from '@tripline/playbook';
import type { BacktestOutcome, ScoredEvent, ScoringModel } from '@tripline/scoring';
import { DataSource } from 'typeorm';
import { CONNECTOR_REGISTRY } from '../../connectors-registry';
import type { FrequencyCapRule } from '../../frequency-caps/frequency-cap-rules';
import { FrequencyCapSettingsEntity } from '../../frequency-caps/frequency-cap-settings.entity';
import { PublishedPlaybooksService } from '../../playbooks/published-playbooks.service';
import { PublishedScoringModelsService } from '../../scoring/published-scoring-models.service';
import { accountsOfPersons, revenueByAccount } from './account-revenue';
import { impactFigures, type PlaybookReplay } from './impact-figures';
import { loadImpactHistory } from './impact-history';
import { impactWindow, type ImpactWindow } from './impact-window';
import { outreachPerFire, type ActionChannelLookup } from './outreach-per-fire';
import { replayPair, type ReplayRange } from './replay-pair';
import { revenueShare } from './revenue-share';
import { tierShift, type TierRow } from './tier-shift';
import { modelForTrigger, modelsReadBy } from './trigger-models';

/** What every impact of one workspace at one instant reads once. */
interface ImpactContext {
  workspaceId: string;
  policy: ApprovalPolicy;
  window: ImpactWindow;
  /** runBacktest()'s range: [from, to − 1 ms], both inclusive. */
  range: ReplayRange;
  outcome: BacktestOutcome;
  /** null: the history could not be replayed (a note says why). */
  events: ScoredEvent[] | null;
  caps: FrequencyCapRule[];
  /** The workspace's published scoring models by id. */
  publishedModels: Map<string, ScoringModel>;
  notes: string[];
}

const playbookLabel = (playbook: Pick<Playbook, 'name'>): string => `playbook "${playbook.name}"`;

/**
 * The impact summary of a proposed change (ChangeImpact): the backtest machinery (runBacktest over
 * the stored history, readHistory) replays the published and the proposed version over
 * [now − policy.impact.windowDays, now) with no side effects, and the figures — fires per week, new
 * and dropped subjects, outreach against the frequency caps, precision / recall against the policy's
 * outcome, revenue share affected, tiers — are computed from what each side fired.
 *
 * Never throws for a lack of data: no history, no accounts, no dependent playbooks or a history past
 * the backtest limit give zeros with `notes` saying why. Reads through the DataSource: call it
 * outside a write transaction (it can read up to BACKTEST_LIMITS.maxEvents events).
 */
@Injectable()
export class ChangeImpactService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly publishedScoringModels: PublishedScoringModelsService,
    private readonly publishedPlaybooks: PublishedPlaybooksService,
    @Inject(CONNECTOR_REGISTRY) private readonly registry: ConnectorRegistry,
  ) {}

  /**
   * A playbook change: the proposed trigger (`after`) against the published one (`before`; null for
   * a first publish, whose baseline fires nothing), each scored with the published version of the
   * scoring model its trigger reads.
   */
  async playbookImpact(workspaceId: string, before: Playbook | null, after: Playbook, policy: ApprovalPolicy, now: Date = new Date()): Promise<ChangeImpact> {
    const context = await this.context(workspaceId, policy, now);
    const replays: PlaybookReplay[] = [];
    if (context.events !== null) {
      replays.push(this.replayPlaybook(context, context.events, before, after, context.publishedModels, context.publishedModels));
    }
    return this.summary(context, replays, []);
  }

  /**
   * A scoring model change: every published playbook whose trigger reads the model (scoreThreshold /
   * tierChange naming it) replayed with the proposed model (`after`) against the published one
   * (`before`; null for a first publish), summed; plus each tier's subjects before → after.
   */
  async scoringModelImpact(
    workspaceId: string,
    before: ScoringModel | null,
    after: ScoringModel,
    policy: ApprovalPolicy,
    now: Date = new Date(),
  ): Promise<ChangeImpact> {
    const context = await this.context(workspaceId, policy, now);
    const modelIds = new Set([after.id, ...(before ? [before.id] : [])]);
    const dependents = (await this.publishedPlaybooks.findPublished(workspaceId)).filter((playbook) =>
      modelsReadBy(playbook.definition.trigger).some((id) => modelIds.has(id)),
    );
    if (dependents.length === 0) context.notes.push(`no published playbook's trigger reads scoring model "${after.name}": fires, subjects and outreach are 0`);
    const beforeModels = new Map(context.publishedModels);
    if (before) beforeModels.set(before.id, before);
    else beforeModels.delete(after.id);
    const afterModels = new Map(context.publishedModels);
    afterModels.set(after.id, after);
    const replays: PlaybookReplay[] = [];
    let tiers: TierRow[] = [];
    if (context.events !== null) {
      for (const playbook of dependents) replays.push(this.replayPlaybook(context, context.events, playbook.definition, playbook.definition, beforeModels, afterModels));
      tiers = tierShift(context.events, context.range, context.outcome, before, after).tiers;
    }
    return this.summary(context, replays, tiers);
  }

  private async context(workspaceId: string, policy: ApprovalPolicy, now: Date): Promise<ImpactContext> {
    const window = impactWindow(policy.impact.windowDays, now);
    const range: ReplayRange = { from: window.from, to: window.to - 1, days: window.days };
    const outcome = policy.impact.outcome;
    const history = await loadImpactHistory(this.dataSource, { workspaceId, from: new Date(range.from), to: new Date(range.to), outcome });
    const capRow = await this.dataSource.getRepository(FrequencyCapSettingsEntity).findOneBy({ workspaceId });
    const published = await this.publishedScoringModels.findPublished(workspaceId);
    return {
      workspaceId,
      policy,
      window,
      range,
      outcome,
      events: history.events,
      caps: capRow?.rules ?? [],
      publishedModels: new Map(published.map((model) => [model.modelId, model.definition])),
      notes: [...window.notes, ...history.notes],
    };
  }

  /** One playbook, published → proposed, each side with the model its trigger reads from its own set. */
  private replayPlaybook(
    context: ImpactContext,
    events: readonly ScoredEvent[],
    before: Playbook | null,
    after: Playbook,
    beforeModels: ReadonlyMap<string, ScoringModel>,
    afterModels: ReadonlyMap<string, ScoringModel>,
  ): PlaybookReplay {
    const label = playbookLabel(after);
    const afterModel = modelForTrigger(after.trigger, afterModels, `${label} (proposed)`);
    const beforeModel = before ? modelForTrigger(before.trigger, beforeModels, `${label} (published)`) : null;
    context.notes.push(...afterModel.notes, ...(beforeModel?.notes ?? []));
    const pair = replayPair(
      events,
      context.range,
      context.outcome,
      before && beforeModel ? { model: beforeModel.model, trigger: before.trigger, enrollment: before.enrollment } : null,
      { model: afterModel.model, trigger: after.trigger, enrollment: after.enrollment },
      label,
    );
    context.notes.push(...pair.notes);
    const channelOf = this.actionChannels();
    const afterOutreach = outreachPerFire(after, channelOf);
    const beforeOutreach = before ? outreachPerFire(before, channelOf) : { byChannel: new Map<string, number>(), unknownActions: [] };
    const unknown = [...new Set([...afterOutreach.unknownActions, ...beforeOutreach.unknownActions])];
    if (unknown.length > 0) context.notes.push(`${label}: actions of connectors this API does not know are not counted as outreach: ${unknown.join(', ')}`);
    return { before: pair.before, after: pair.after, outreachPerFire: { before: beforeOutreach.byChannel, after: afterOutreach.byChannel } };
  }

  /** Each connector action's outreach channel, from the registry's action metadata (undefined: unknown). */
  private actionChannels(): ActionChannelLookup {
    const connectors = this.registry.list();
    return (connector, action) => {
      const definition = connectors.find((candidate) => candidate.name === connector)?.actions.find((candidate) => candidate.name === action);
      return definition === undefined ? undefined : (definition.outreach ?? null);
    };
  }

  private async summary(context: ImpactContext, replays: readonly PlaybookReplay[], tiers: TierRow[]): Promise<ChangeImpact> {
    const { workspaceId, policy, window } = context;
    const figures = impactFigures(replays, window.days, context.caps);
    const affectedAccounts = new Set([...figures.affected.accounts, ...(await accountsOfPersons(this.dataSource, workspaceId, figures.affected.persons))]);
    const revenue = revenueShare(affectedAccounts, await revenueByAccount(this.dataSource, workspaceId, policy.impact.revenueTrait), policy.impact.revenueTrait);
    const { affected: _affected, ...shown } = figures;
    return {
      from: new Date(window.from).toISOString(),
      to: new Date(window.to).toISOString(),
      ...shown,
      revenueShareAffected: revenue.share,
      pipelineValueAffected: revenue.value,
      tiers,
      notes: [...new Set([...context.notes, ...revenue.notes])],
    };
  }
}
