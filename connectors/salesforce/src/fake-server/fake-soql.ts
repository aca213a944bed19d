import { FakeApiError } from './fake-errors';
import { dateTimeMs } from './fake-time';

/** The subset of SOQL the fake understands: SELECT fields FROM object [WHERE ...] [ORDER BY ...] [LIMIT n]. */
export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'dateTime'; ms: number }
  | { kind: 'date'; value: string };

export type Condition =
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; inner: Condition }
  | { kind: 'compare'; field: string; op: '=' | '!=' | '<' | '<=' | '>' | '>='; value: Literal }
  | { kind: 'in'; field: string; negated: boolean; values: Literal[] }
  | { kind: 'like'; field: string; pattern: string };

export interface OrderKey {
  field: string;
  descending: boolean;
  nullsLast: boolean;
}

export interface SoqlQuery {
  fields: string[];
  object: string;
  where?: Condition;
  orderBy: OrderKey[];
  limit?: number;
}

type Token = { type: 'word' | 'string' | 'number' | 'dateTime' | 'date' | 'op' | 'punct'; text: string; value?: string };

const TOKEN = new RegExp(
  [
    String.raw`(?<dateTime>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))`,
    String.raw`(?<date>\d{4}-\d{2}-\d{2})`,
    String.raw`(?<number>-?\d+(?:\.\d+)?)`,
    String.raw`(?<string>'(?:[^'\\]|\\.)*')`,
    String.raw`(?<word>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)`,
    String.raw`(?<op>!=|<>|<=|>=|=|<|>)`,
    String.raw`(?<punct>[(),])`,
  ].join('|'),
  'y',
);

const malformed = (message: string) => new FakeApiError(400, 'MALFORMED_QUERY', message);

function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  while (position < soql.length) {
    if (/\s/.test(soql[position]!)) {
      position += 1;
      continue;
    }
    TOKEN.lastIndex = position;
    const found = TOKEN.exec(soql);
    if (!found?.groups) throw malformed(`unexpected token: '${soql.slice(position, position + 10)}'`);
    const [type, text] = Object.entries(found.groups).find(([, value]) => value !== undefined) as [Token['type'], string];
    tokens.push({ type, text, ...(type === 'string' ? { value: unescape(text.slice(1, -1)) } : {}) });
    position = TOKEN.lastIndex;
  }
  return tokens;
}

function unescape(body: string): string {
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
  return body.replace(/\\(.)/g, (_, char: string) => escapes[char] ?? char);
}

/** Parses the subset; MALFORMED_QUERY (400) for anything else, as Salesforce answers bad SOQL. */
export function parseSoql(soql: string): SoqlQuery {
  const tokens = tokenize(soql);
  let index = 0;
  const peek = () => tokens[index];
  const isKeyword = (word: string, at = index) => tokens[at]?.type === 'word' && tokens[at]!.text.toUpperCase() === word;
  const expectKeyword = (word: string) => {
    if (!isKeyword(word)) throw malformed(`expecting '${word}', found '${peek()?.text ?? 'end of query'}'`);
    index += 1;
  };
  const expectPunct = (char: string) => {
    if (peek()?.text !== char) throw malformed(`expecting '${char}', found '${peek()?.text ?? 'end of query'}'`);
    index += 1;
  };
  const field = (): string => {
    const token = peek();
    if (token?.type !== 'word') throw malformed(`expecting a field name, found '${token?.text ?? 'end of query'}'`);
    index += 1;
    return token.text;
  };
  const literal = (): Literal => {
    const token = peek();
    index += 1;
    if (!token) throw malformed('expecting a value, found end of query');
    if (token.type === 'string') return { kind: 'string', value: token.value! };
    if (token.type === 'number') return { kind: 'number', value: Number(token.text) };
    if (token.type === 'dateTime') return { kind: 'dateTime', ms: dateTimeMs(token.text)! };
    if (token.type === 'date') return { kind: 'date', value: token.text };
    if (token.type === 'word' && token.text.toLowerCase() === 'null') return { kind: 'null' };
    if (token.type === 'word' && /^(true|false)$/i.test(token.text)) return { kind: 'boolean', value: token.text.toLowerCase() === 'true' };
    throw malformed(`unexpected token: '${token.text}'`);
  };

  const primary = (): Condition => {
    if (isKeyword('NOT')) {
      index += 1;
      return { kind: 'not', inner: primary() };
    }
    if (peek()?.text === '(') {
      index += 1;
      const inner = orExpression();
      expectPunct(')');
      return inner;
    }
    const name = field();
    if (isKeyword('NOT') && isKeyword('IN', index + 1)) {
      index += 2;
      return { kind: 'in', field: name, negated: true, values: list() };
    }
    if (isKeyword('IN')) {
      index += 1;
      return { kind: 'in', field: name, negated: false, values: list() };
    }
    if (isKeyword('LIKE')) {
      index += 1;
      const pattern = literal();
      if (pattern.kind !== 'string') throw malformed('LIKE needs a string pattern');
      return { kind: 'like', field: name, pattern: pattern.value };
    }
    const op = peek();
    if (op?.type !== 'op') throw malformed(`unexpected token: '${op?.text ?? 'end of query'}'`);
    index += 1;
    return { kind: 'compare', field: name, op: op.text === '<>' ? '!=' : (op.text as '='), value: literal() };
  };
  const list = (): Literal[] => {
    expectPunct('(');
    const values = [literal()];
    while (peek()?.text === ',') {
      index += 1;
      values.push(literal());
    }
    expectPunct(')');
    return values;
  };
  const andExpression = (): Condition => {
    let left = primary();
    while (isKeyword('AND')) {
      index += 1;
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  function orExpression(): Condition {
    let left = andExpression();
    while (isKeyword('OR')) {
      index += 1;
      left = { kind: 'or', left, right: andExpression() };
    }
    return left;
  }

  expectKeyword('SELECT');
  const fields = [field()];
  while (peek()?.text === ',') {
    index += 1;
    fields.push(field());
  }
  expectKeyword('FROM');
  const object = field();
  const query: SoqlQuery = { fields, object, orderBy: [] };
  if (isKeyword('WHERE')) {
    index += 1;
    query.where = orExpression();
  }
  if (isKeyword('ORDER')) {
    index += 1;
    expectKeyword('BY');
    do {
      if (peek()?.text === ',') index += 1;
      const name = field();
      let descending = false;
      if (isKeyword('ASC') || isKeyword('DESC')) {
        descending = isKeyword('DESC');
        index += 1;
      }
      // SOQL's default: nulls first when ascending, last when descending.
      let nullsLast = descending;
      if (isKeyword('NULLS')) {
        index += 1;
        nullsLast = isKeyword('LAST');
        if (!isKeyword('LAST') && !isKeyword('FIRST')) throw malformed(`expecting FIRST or LAST, found '${peek()?.text ?? 'end of query'}'`);
        index += 1;
      }
      query.orderBy.push({ field: name, descending, nullsLast });
    } while (peek()?.text === ',');
  }
  if (isKeyword('LIMIT')) {
    index += 1;
    const limit = literal();
    if (limit.kind !== 'number' || !Number.isInteger(limit.value) || limit.value < 0) throw malformed('LIMIT needs a whole number');
    query.limit = limit.value;
  }
  if (index < tokens.length) throw malformed(`unexpected token: '${tokens[index]!.text}'`);
  return query;
}

/** Every field a query reads (select list, filters, ordering), to check they exist. */
export function fieldsOfQuery(query: SoqlQuery): string[] {
  const fields = [...query.fields, ...query.orderBy.map((key) => key.field)];
  const walk = (condition: Condition | undefined): void => {
    if (!condition) return;
    switch (condition.kind) {
      case 'and':
      case 'or':
        walk(condition.left);
        walk(condition.right);
        return;
      case 'not':
        walk(condition.inner);
        return;
      default:
        fields.push(condition.field);
    }
  };
  walk(query.where);
  return fields;
}
