/**
 * The part of Mixpanel's segmentation expressions the fake evaluates: `properties["name"] == "value"`
 * (or a number), joined by `and`. Anything else is answered 400, so a test never passes on a filter
 * the fake silently ignored.
 */
export type WherePredicate = (properties: Record<string, unknown>) => boolean;

const COMPARISON = /^properties\["([^"]+)"\]\s*==\s*(?:"((?:[^"\\]|\\.)*)"|(-?\d+(?:\.\d+)?))$/;

export function parseWhere(expression: string): WherePredicate | { error: string } {
  const clauses = expression.split(/\s+and\s+/);
  const tests: WherePredicate[] = [];
  for (const clause of clauses) {
    const found = COMPARISON.exec(clause.trim());
    if (!found) return { error: `Unable to parse the where expression near '${clause.trim().slice(0, 40)}'` };
    const [, name, text, number] = found;
    const expected: unknown = text !== undefined ? JSON.parse(`"${text}"`) : Number(number);
    tests.push((properties) => properties[name!] === expected);
  }
  return (properties) => tests.every((test) => test(properties));
}
