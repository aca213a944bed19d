import { createHash } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { pqlComponentModel, seedEventModel, type ScoringModel } from '@tripline/scoring';
import { BootstrapService } from '../bootstrap/bootstrap.service';
import { Transactions } from '../database/transactions';
import { ScoringModelEntity } from './scoring-model.entity';
import { ScoringModelsService } from './scoring-models.service';

/** The domain's two models, published in the default workspace so a new user sees scores move at once. */
export const DEFAULT_SCORING_MODELS: readonly { key: string; name: string; model: () => ScoringModel }[] = [
  { key: 'seed-event-model', name: 'Lead score (seed table)', model: seedEventModel },
  { key: 'pql-component-model', name: 'PQL score (7 factors)', model: pqlComponentModel },
];

/**
 * The row id of a default model in a workspace: derived from both, so seeding is idempotent on every
 * start and across replicas, and a model the user renamed is still recognised as seeded.
 */
export function defaultModelId(workspaceId: string, key: string): string {
  const hex = createHash('sha256').update(`tripline:default-scoring-model:${workspaceId}:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

@Injectable()
export class DefaultScoringModelsSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Scoring');

  constructor(
    private readonly bootstrap: BootstrapService,
    private readonly transactions: Transactions,
    private readonly models: ScoringModelsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const workspaceId = await this.bootstrap.defaultWorkspaceId();
    const created = await this.transactions.run(
      async (manager) => {
        const names: string[] = [];
        for (const { key, name, model } of DEFAULT_SCORING_MODELS) {
          const id = defaultModelId(workspaceId, key);
          if (await manager.getRepository(ScoringModelEntity).existsBy({ workspaceId, id })) continue;
          await this.models.createPublishedIn(manager, workspaceId, id, { ...model(), name } as unknown as Record<string, unknown>);
          names.push(name);
        }
        return names;
      },
      { lockKey: `scoring-seed:${workspaceId}` },
    );
    if (created.length === 0) return;
    this.models.invalidatePublished(workspaceId);
    this.logger.log(`Published the default scoring models: ${created.join(', ')}`);
  }
}
