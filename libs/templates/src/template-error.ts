/** Why a template failed: it does not parse, it failed while rendering, or it hit a limit. */
export type TemplateFailure = 'parse' | 'render' | 'limit';

const POSITION = /, line:(\d+), col:(\d+)$/;
const LIMIT_MESSAGES = /limit exceeded|Maximum call stack size exceeded/;

export interface DescribedFailure {
  reason: TemplateFailure;
  /** The cause without liquidjs' position suffix. */
  detail: string;
  line?: number;
  column?: number;
}

/** Reads a liquidjs error into a reason, a clean message and a position. */
export function describeLiquidError(error: unknown, stage: 'parse' | 'render'): DescribedFailure {
  const raw = error instanceof Error ? error.message : String(error);
  const position = POSITION.exec(raw);
  let detail = position ? raw.slice(0, position.index) : raw;
  const isLimit = LIMIT_MESSAGES.test(detail);
  if (/Maximum call stack size exceeded/.test(detail)) detail = 'the template is nested too deeply';
  const described: DescribedFailure = { reason: isLimit ? 'limit' : stage, detail };
  if (position) {
    described.line = Number(position[1]);
    described.column = Number(position[2]);
  }
  return described;
}

/**
 * A template that could not become text. The message says which field failed and why, e.g.
 * `template "subject" could not be parsed: undefined filter: shout (line 1, column 4)`.
 */
export class TemplateError extends Error {
  readonly field: string | undefined;
  readonly reason: TemplateFailure;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(failure: DescribedFailure, field?: string) {
    const what = field === undefined ? 'template' : `template "${field}"`;
    const verb = failure.reason === 'parse' ? 'could not be parsed' : failure.reason === 'limit' ? 'hit a limit' : 'failed to render';
    const where = failure.line === undefined ? '' : ` (line ${failure.line}, column ${failure.column})`;
    super(`${what} ${verb}: ${failure.detail}${where}`);
    this.name = 'TemplateError';
    this.field = field;
    this.reason = failure.reason;
    this.line = failure.line;
    this.column = failure.column;
  }
}
