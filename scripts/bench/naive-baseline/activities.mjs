// The naive baseline's activities: the subject's score state in a SQLite table (loaded, updated with
// @tripline/scoring, stored back in one transaction so concurrent workflows of one subject lose no points),
// the threshold trigger evaluated with @tripline/scoring, and the email connector's own send action.
import { requireFromRoot } from '../lib/paths.mjs';

const Database = requireFromRoot('better-sqlite3');
const { applyEventWithChange, createScoreState, evaluateTrigger } = requireFromRoot('@tripline/scoring');
const { sendEmailAction } = requireFromRoot('@tripline/connector-email');

/** `model`: an event scoring model; `trigger`: a scoreThreshold trigger naming it; `smtp`: the email connection's config. */
export function createNaiveActivities({ dbFile, model, trigger, smtp }) {
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE IF NOT EXISTS score_states (subject TEXT PRIMARY KEY, state TEXT NOT NULL)');
  const load = db.prepare('SELECT state FROM score_states WHERE subject = ?');
  const save = db.prepare('INSERT INTO score_states (subject, state) VALUES (?, ?) ON CONFLICT (subject) DO UPDATE SET state = excluded.state');
  const applyInTransaction = db.transaction((event) => {
    const row = load.get(event.userId);
    const state = row ? JSON.parse(row.state) : createScoreState();
    const scored = { messageId: event.messageId, event: event.event, timestamp: Date.parse(event.timestamp), properties: event.properties ?? {} };
    const { result, change } = applyEventWithChange(model, state, scored);
    if (result.outcome === 'scored') save.run(event.userId, JSON.stringify(result.state));
    return change;
  });

  return {
    async scoreEvent(event) {
      return applyInTransaction(event);
    },
    async evaluateThreshold({ event, change }) {
      return evaluateTrigger(trigger, { now: Date.parse(event.timestamp), event: { messageId: event.messageId, event: event.event, timestamp: Date.parse(event.timestamp), properties: event.properties ?? {} }, scoreChange: change }).fired;
    },
    async sendEmail({ to, subject, text, key }) {
      const startedAt = Date.now();
      await sendEmailAction.run({ auth: smtp, input: sendEmailAction.input.parse({ to, subject, text }), idempotencyKey: `naive:${key}` });
      return { startedAt };
    },
  };
}
