import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoRequestFollowUp } from '@tripline/playbook';
import type { PlaybookRecord } from '../api/types';
import { useDraftEditorStore } from './draft-editor-store';
import { usePlaybooksStore } from './playbooks-store';

/**
 * The editor against a real HTTP server answering like the GraphQL API. The app posts to the
 * relative "/graphql"; Node's fetch needs an absolute URL, so fetch resolves it against the server
 * the way a browser resolves it against the page.
 */
interface Call {
  operation: string;
  variables: Record<string, unknown>;
}
let server: Server;
let calls: Call[];
let answers: Record<string, (variables: Record<string, unknown>) => unknown>;
const realFetch = globalThis.fetch;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const { query, variables } = JSON.parse(raw) as { query: string; variables: Record<string, unknown> };
      const operation = /^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? '?';
      calls.push({ operation, variables });
      const answer = answers[operation];
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer ? answer(variables) : { errors: [{ message: `no answer for ${operation}` }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  globalThis.fetch = (input, init) => realFetch(new URL(String(input), base), init);
});
afterAll(async () => {
  globalThis.fetch = realFetch;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const record = (overrides: Partial<PlaybookRecord> = {}): PlaybookRecord => ({
  id: 'pb-1',
  name: 'Demo request follow-up',
  description: null,
  status: 'draft',
  draft: demoRequestFollowUp,
  publishedVersion: null,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  ...overrides,
});

beforeEach(() => {
  calls = [];
  answers = {};
  useDraftEditorStore.setState({ playbookId: null, text: '', savedText: '', drawn: null, problems: null, validatedText: null, message: null });
  usePlaybooksStore.setState({ current: { ...record(), versions: [] }, list: [record()] });
});

const editor = () => useDraftEditorStore.getState();

describe('opening and editing a draft', () => {
  it('shows the stored draft as formatted JSON and draws it', () => {
    editor().open(record());
    expect(editor().text).toBe(JSON.stringify(demoRequestFollowUp, null, 2));
    expect(editor().drawn?.start).toBe('has-email');
    expect(editor().parseError).toBeNull();
  });

  it('keeps drawing the last good draft while the JSON is broken, and says why', () => {
    editor().open(record());
    editor().edit(editor().text.slice(0, -3));
    expect(editor().parseError).toMatch(/^The draft is not valid JSON: /);
    expect(editor().drawn?.start).toBe('has-email');
    editor().edit('{"trigger": {}, "nodes": {}, "edges": 3}');
    expect(editor().parseError).toBe('Cannot draw the draft: "edges" must be an array.');
  });

  it('never throws away unsaved edits when the same playbook reloads, but switches for another playbook', () => {
    editor().open(record());
    editor().edit(editor().text.replace('Has an email address?', 'Email known?'));
    editor().open(record({ updatedAt: '2025-01-02T00:00:00Z' }));
    expect(editor().text).toContain('Email known?');
    editor().open(record({ id: 'pb-2', draft: { ...demoRequestFollowUp, name: 'Other' } }));
    expect(editor().playbookId).toBe('pb-2');
    expect(editor().text).toContain('"name": "Other"');
  });
});

describe('validate, save and publish', () => {
  it('does not send JSON that does not parse', async () => {
    editor().open(record());
    editor().edit('{ not json');
    await expect(editor().validate()).resolves.toBe(false);
    expect(calls).toEqual([]);
    expect(editor().message?.tone).toBe('error');
    expect(editor().message?.text).toMatch(/^The draft is not valid JSON/);
  });

  it('lists the problems the API finds', async () => {
    const problem = { code: 'missing_config', message: 'subject is required', nodeId: 'send-confirmation', edgeIndex: null, path: null };
    answers.ValidatePlaybook = () => ({ data: { validatePlaybook: { ok: false, problems: [problem] } } });
    editor().open(record());
    await expect(editor().validate()).resolves.toBe(false);
    expect(calls.map((c) => c.operation)).toEqual(['ValidatePlaybook']);
    expect(calls[0]!.variables.definition).toEqual(demoRequestFollowUp);
    expect(editor().problems).toEqual([problem]);
    expect(editor().validatedText).toBe(editor().text);
  });

  it('publishes what is on screen: unsaved edits are saved first, under the name the draft gives', async () => {
    answers.UpdatePlaybookDraft = (v) => ({
      data: { updatePlaybookDraft: record({ name: 'Email known', draft: (v.input as { definition: unknown }).definition, updatedAt: '2025-01-03T00:00:00Z' }) },
    });
    answers.PublishPlaybook = () => ({
      data: { publishPlaybook: { id: 'v1', playbookId: 'pb-1', version: 1, definition: {}, publishedAt: '2025-01-03T00:00:00Z' } },
    });
    editor().open(record());
    editor().edit(editor().text.replace('"name": "Demo request follow-up"', '"name": "Email known"'));
    await editor().publish();

    expect(calls.map((c) => c.operation)).toEqual(['UpdatePlaybookDraft', 'PublishPlaybook']);
    expect(calls[0]!.variables).toMatchObject({ id: 'pb-1', input: { name: 'Email known', definition: { name: 'Email known' } } });
    expect(editor().message).toEqual({ tone: 'ok', text: 'Published version 1. New triggers run this version.' });
    expect(editor().savedText).toBe(editor().text);
    const current = usePlaybooksStore.getState().current!;
    expect(current).toMatchObject({ id: 'pb-1', name: 'Email known', status: 'published', publishedVersion: 1 });
    expect(usePlaybooksStore.getState().list[0]).toMatchObject({ name: 'Email known', publishedVersion: 1 });
  });

  it('when publishing is refused, says why and shows the problems that block it', async () => {
    answers.PublishPlaybook = () => ({
      errors: [{ message: 'The draft has 1 problem; fix it before publishing', extensions: { code: 'BAD_USER_INPUT' } }],
    });
    const problem = { code: 'dead_end', message: 'leads nowhere', nodeId: 'send-confirmation', edgeIndex: null, path: null };
    answers.ValidatePlaybook = () => ({ data: { validatePlaybook: { ok: false, problems: [problem] } } });
    editor().open(record());
    await editor().publish();
    expect(calls.map((c) => c.operation)).toEqual(['PublishPlaybook', 'ValidatePlaybook']);
    expect(editor().message).toEqual({ tone: 'error', text: 'The draft has 1 problem; fix it before publishing' });
    expect(editor().problems).toEqual([problem]);
    expect(usePlaybooksStore.getState().current?.status).toBe('draft');
  });

  it('when the workspace needs approval, submits the draft as a change request and says who must approve', async () => {
    answers.PublishPlaybook = () => ({
      errors: [{ message: 'Publishing in this workspace needs approval: submit a change request (submitChangeRequest)', extensions: { code: 'FORBIDDEN' } }],
    });
    answers.SubmitPlaybookChange = () => ({
      data: { submitChangeRequest: { id: 'cr-1', status: 'pending', publishedVersion: null, levels: [{ name: 'Approval', required: 1 }, { name: 'Finance / legal', required: 2 }] } },
    });
    editor().open(record());
    await editor().publish();
    expect(calls.map((c) => c.operation)).toEqual(['PublishPlaybook', 'SubmitPlaybookChange']);
    expect(calls[1]!.variables).toEqual({ input: { kind: 'publishPlaybook', targetId: 'pb-1' } });
    expect(editor().message).toEqual({ tone: 'ok', text: 'Submitted for approval: Approval (1) → Finance / legal (2). It goes live when approved.' });
    expect(usePlaybooksStore.getState().current?.status).toBe('draft');
  });

  it('does not publish when saving the edits fails', async () => {
    answers.UpdatePlaybookDraft = () => ({ errors: [{ message: 'Your role (viewer) cannot edit playbooks', extensions: { code: 'FORBIDDEN' } }] });
    editor().open(record());
    editor().edit(editor().text.replace('Has an email address?', 'Email?'));
    await editor().publish();
    expect(calls.map((c) => c.operation)).toEqual(['UpdatePlaybookDraft']);
    expect(editor().message).toEqual({ tone: 'error', text: 'Your role (viewer) cannot edit playbooks' });
    expect(editor().text).not.toBe(editor().savedText);
  });
});
