import { Injectable } from '@nestjs/common';
import { runBacktest, tierOf, type BacktestInput, type BacktestResult, type BacktestSummary, type ScoringModel } from '@tripline/scoring';
import { DataSource } from 'typeorm';
import { badUserInput } from '../graphql/errors';
import { SubjectKindEnum } from '../scoring/models/subject-kind.enum';
import { BacktestSources } from './backtest-sources';
import { checkRange, parseOutcome } from './backtest-request';
import { BacktestQueryInput } from './dto/backtest.input';
import { readHistory } from './event-history';
import { BacktestResultModel, BacktestSummaryModel } from './models/backtest-result.model';

function summaryModel(summary: BacktestSummary): BacktestSummaryModel {
  const { firesPerDay, tierDistribution, fired, truePositives, precision, recall, lift } = summary;
  return { firesPerDay, tierDistribution, fired, truePositives, precision, recall, lift };
}

const canScore = (model: ScoringModel, subject: 'person' | 'account'): boolean => model.kind === 'events' || subject === 'account';

/**
 * Backtests: a draft scoring model and trigger replayed by @tripline/scoring's runBacktest() — the
 * code live ingest scores and evaluates with — over the workspace's stored events, against the
 * published versions. Reads only: nothing is enrolled, scored or stored (see README.md).
 */
@Injectable()
export class BacktestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sources: BacktestSources,
  ) {}

  async backtest(workspaceId: string, input: BacktestQueryInput): Promise<BacktestResultModel> {
    const range = checkRange(input.from, input.to);
    const outcome = parseOutcome(input.outcome);
    const subject = input.subject === SubjectKindEnum.account ? 'account' : 'person';
    const model = await this.sources.model(workspaceId, input);
    const trigger = await this.sources.trigger(workspaceId, input);
    if (!canScore(model.draft, subject)) {
      throw badUserInput(`model "${model.draft.name}" is a component model: it scores accounts, so backtest it with subject "account"`);
    }
    const warnings: string[] = [];
    let baselineModel = model.published;
    if (baselineModel && !canScore(baselineModel.model, subject)) {
      warnings.push(`the published version of "${model.draft.name}" is a component model and cannot score persons: the baseline uses the draft model`);
      baselineModel = undefined;
    }
    const request: BacktestInput = {
      events: await readHistory(this.dataSource, { workspaceId, to: input.to, ...(outcome.kind === 'event' ? { outcomeEvent: outcome.event } : {}) }),
      model: model.draft,
      trigger: trigger.draft,
      range,
      outcome,
      subject,
    };
    if (baselineModel || trigger.published) {
      request.baseline = { model: baselineModel?.model ?? model.draft, trigger: trigger.published?.trigger ?? trigger.draft };
    }
    const result = this.run(request);
    return {
      ...summaryModel(result),
      from: new Date(result.range.from),
      to: new Date(result.range.to),
      subject: subject as SubjectKindEnum,
      eventsProcessed: result.eventsProcessed,
      population: result.population,
      converted: result.converted,
      baseRate: result.baseRate,
      newlyFiring: result.newlyFiring,
      noLongerFiring: result.noLongerFiring,
      baseline: result.baseline ? summaryModel(result.baseline) : null,
      baselineModelVersion: request.baseline && baselineModel ? baselineModel.version : null,
      baselinePlaybookVersion: trigger.published?.version ?? null,
      scores: Object.keys(result.scores)
        .sort()
        .map((subjectId) => ({ subjectId, score: result.scores[subjectId]!, tier: tierOf(model.draft, result.scores[subjectId]!)?.name ?? null })),
      warnings: [...warnings, ...result.warnings],
    };
  }

  /** runBacktest() checks its input again and says what is wrong as "cannot backtest…": that is the caller's input. */
  private run(request: BacktestInput): BacktestResult {
    try {
      return runBacktest(request);
    } catch (error) {
      if (error instanceof Error && /^cannot backtest/.test(error.message)) throw badUserInput(error.message);
      throw error;
    }
  }
}
