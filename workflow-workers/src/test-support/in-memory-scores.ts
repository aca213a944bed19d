import type { AdjustScoreRequest, AdjustScoreResponse } from '../worker-api/score-types';
import { WorkerApiError } from '../worker-api/worker-api';

export interface InMemoryScoringModel {
  /** Tiers by ascending `min`: a score is in the last tier whose `min` it reaches. */
  tiers: { name: string; min: number }[];
}

/**
 * The score-step side of the worker API, kept in memory with the backend's contract: a published
 * model is needed, `adjust` adds points to the subject's score, no `adjust` only reads, and a key
 * seen before returns the first answer without adding again.
 */
export class InMemoryScores {
  private readonly models = new Map<string, InMemoryScoringModel>();
  private readonly scores = new Map<string, number>();
  private readonly answers = new Map<string, AdjustScoreResponse>();
  /** Every request, repeats included, for assertions. */
  readonly requests: AdjustScoreRequest[] = [];

  addModel(workspaceId: string, modelId: string, model: InMemoryScoringModel): void {
    this.models.set(`${workspaceId}/${modelId}`, model);
  }

  scoreOf(workspaceId: string, modelId: string, subjectId: string): number {
    return this.scores.get(`${workspaceId}/${modelId}/${subjectId}`) ?? 0;
  }

  adjust(request: AdjustScoreRequest): AdjustScoreResponse {
    this.requests.push(structuredClone(request));
    const answered = this.answers.get(`${request.workspaceId}/${request.key}`);
    if (answered) return { ...answered };
    const model = this.models.get(`${request.workspaceId}/${request.model}`);
    if (!model) throw new WorkerApiError(`No published scoring model '${request.model}' in workspace ${request.workspaceId}`, 404, false);
    const id = `${request.workspaceId}/${request.model}/${request.subject.id}`;
    const score = (this.scores.get(id) ?? 0) + (request.adjust ?? 0);
    this.scores.set(id, score);
    const tier = [...model.tiers].reverse().find((t) => score >= t.min)?.name ?? null;
    const answer = { score, tier };
    this.answers.set(`${request.workspaceId}/${request.key}`, answer);
    return { ...answer };
  }
}
