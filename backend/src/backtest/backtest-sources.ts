import { Injectable } from '@nestjs/common';
import type { Trigger } from '@tripline/playbook';
import type { ScoringModel } from '@tripline/scoring';
import { DataSource } from 'typeorm';
import { notFound } from '../graphql/errors';
import { PlaybookEntity } from '../playbooks/playbook.entity';
import { PublishedPlaybooksService } from '../playbooks/published-playbooks.service';
import { PublishedScoringModelsService } from '../scoring/published-scoring-models.service';
import { ScoringModelEntity } from '../scoring/scoring-model.entity';
import { exactlyOne, parseModel, parseTrigger } from './backtest-request';

export interface ModelSource {
  draft: ScoringModel;
  /** The published version of the same model (by id), if any: the baseline. */
  published?: { model: ScoringModel; version: number };
}

export interface TriggerSource {
  draft: Trigger;
  /** The published version's trigger, when the draft is a playbook's: the baseline. */
  published?: { trigger: Trigger; version: number };
}

/**
 * Where a backtest's draft model and trigger come from — JSON in the request, or a stored model's /
 * playbook's current draft — and the published versions they are compared with. Workspace-scoped:
 * an id of another workspace is NOT_FOUND.
 */
@Injectable()
export class BacktestSources {
  constructor(
    private readonly dataSource: DataSource,
    private readonly playbooks: PublishedPlaybooksService,
    private readonly models: PublishedScoringModelsService,
  ) {}

  async model(workspaceId: string, input: { model?: unknown; modelId?: string | null }): Promise<ModelSource> {
    let draft: ScoringModel;
    if (exactlyOne(['model', input.model], ['modelId', input.modelId]) === 'first') {
      draft = parseModel(input.model, 'model');
    } else {
      const row = await this.dataSource.getRepository(ScoringModelEntity).findOneBy({ workspaceId, id: input.modelId! });
      if (!row) throw notFound('Scoring model');
      // As it would be published next: the row's id (what triggers name) and name stamped in.
      draft = parseModel({ ...row.draft, id: row.id, name: row.name, version: (row.publishedVersion ?? 0) + 1 }, `the draft of scoring model "${row.name}"`);
    }
    const published = await this.models.findOne(workspaceId, draft.id);
    return published ? { draft, published: { model: published.definition, version: published.version } } : { draft };
  }

  async trigger(workspaceId: string, input: { trigger?: unknown; playbookId?: string | null }): Promise<TriggerSource> {
    if (exactlyOne(['trigger', input.trigger], ['playbookId', input.playbookId]) === 'first') return { draft: parseTrigger(input.trigger, 'trigger') };
    const row = await this.dataSource.getRepository(PlaybookEntity).findOneBy({ workspaceId, id: input.playbookId! });
    if (!row) throw notFound('Playbook');
    const draft = parseTrigger(row.draft.trigger, `the draft trigger of playbook "${row.name}"`);
    const published = (await this.playbooks.findPublished(workspaceId)).find((p) => p.playbookId === row.id);
    return published ? { draft, published: { trigger: published.definition.trigger, version: published.version } } : { draft };
  }
}
