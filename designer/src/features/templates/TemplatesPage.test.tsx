import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { validate } from '@tripline/playbook';
import { createPlaybook } from '../../api/operations';
import type { PlaybookRecord, Role } from '../../api/types';
import { parseRoute } from '../../app/routes';
import { useSessionStore } from '../../store/session-store';
import { TemplatesPage } from './TemplatesPage';
import { listScoringModels, type ScoringModelRecord } from '../../api/scoring-operations';
import { bindTemplateModels, GALLERY_TEMPLATES, playbookFromTemplate, TEMPLATES } from './templates';

jest.mock('../../api/operations', () => ({ createPlaybook: jest.fn() }));
jest.mock('../../api/scoring-operations', () => ({ listScoringModels: jest.fn() }));

const mocked = <T extends (...args: never[]) => unknown>(fn: T) => fn as unknown as jest.MockedFunction<T>;

function signIn(role: Role) {
  useSessionStore.setState({ token: 't', role, user: { id: 'u', email: 'e@example.com', name: 'E' }, workspace: { id: 'ws', name: 'WS' } });
}

describe('the template gallery', () => {
  it('has a route of its own', () => {
    expect(parseRoute('/templates')).toEqual({ name: 'templates' });
    expect(parseRoute('/connections')).toEqual({ name: 'connections' });
  });

  it('offers only templates that validate, renamed ones too', () => {
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(4);
    for (const { playbook } of TEMPLATES) {
      expect(validate(playbook).problems).toEqual([]);
      const copy = playbookFromTemplate(playbook, 'My copy!');
      expect(copy).toMatchObject({ id: 'my-copy', name: 'My copy!', version: 1 });
      expect(validate(copy).problems).toEqual([]);
    }
  });

  it('covers each of the six templates of issue 7, and every card says which one it is', () => {
    for (const title of GALLERY_TEMPLATES) {
      expect(TEMPLATES.filter(({ covers }) => covers?.startsWith(title)).map(({ playbook }) => playbook.id)).not.toEqual([]);
    }
    expect(TEMPLATES.filter(({ covers }) => covers === null).map(({ playbook }) => playbook.id)).toEqual(['demo-request-follow-up']);
    expect(new Set(TEMPLATES.map(({ playbook }) => playbook.id)).size).toBe(TEMPLATES.length);
  });

  it('lists every template with its description and creates a playbook from one', async () => {
    const user = userEvent.setup();
    signIn('editor');
    window.history.replaceState(null, '', '/templates');
    mocked(createPlaybook).mockResolvedValue({ id: 'pb-9', name: 'Trial for EMEA' } as PlaybookRecord);
    mocked(listScoringModels).mockResolvedValue([]);
    render(<TemplatesPage />);
    const gallery = screen.getByTestId('template-gallery');
    expect(within(gallery).getAllByRole('article')).toHaveLength(TEMPLATES.length);

    const card = within(gallery).getByRole('article', { name: 'Free trial conversion' });
    expect(card.textContent).toContain('Seven days into a trial');
    await user.clear(within(card).getByLabelText('Name'));
    await user.type(within(card).getByLabelText('Name'), 'Trial for EMEA');
    await user.click(within(card).getByRole('button', { name: 'Use the Free trial conversion template' }));

    expect(createPlaybook).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'Trial for EMEA', definition: expect.objectContaining({ id: 'trial-for-emea', name: 'Trial for EMEA', trigger: { kind: 'event', event: 'Trial Started' } }) }),
    );
    expect(window.location.pathname).toBe('/playbooks/pb-9');
  });

  it("binds the templates' PQL model to the workspace's published component model", async () => {
    const user = userEvent.setup();
    signIn('editor');
    mocked(createPlaybook).mockResolvedValue({ id: 'pb-10', name: 'PQL three-tier handoff' } as PlaybookRecord);
    mocked(listScoringModels).mockResolvedValue([
      { id: 'm-lead', kind: 'events', publishedVersion: 1 },
      { id: 'm-draft', kind: 'components', publishedVersion: null },
      { id: 'm-pql', kind: 'components', publishedVersion: 2 },
    ] as ScoringModelRecord[]);
    render(<TemplatesPage />);
    const card = within(screen.getByTestId('template-gallery')).getByRole('article', { name: 'PQL three-tier handoff' });
    await user.click(within(card).getByRole('button', { name: 'Use the PQL three-tier handoff template' }));
    expect(createPlaybook).toHaveBeenLastCalledWith(expect.objectContaining({ definition: expect.objectContaining({ trigger: { kind: 'tierChange', model: 'm-pql' } }) }));
  });

  it('binds "pql" inside composites and score steps, and leaves templates alone in a workspace without a PQL model', () => {
    const composite = {
      ...TEMPLATES[0]!.playbook,
      trigger: { kind: 'any' as const, triggers: [{ kind: 'event' as const, event: 'Demo Requested' }, { kind: 'scoreThreshold' as const, model: 'pql', threshold: 71, direction: 'up' as const }] },
      nodes: { bump: { kind: 'score' as const, model: 'pql', adjust: 5 }, end: { kind: 'end' as const } },
    };
    const bound = bindTemplateModels(composite, [{ id: 'm-pql', kind: 'components', publishedVersion: 1 }]);
    expect(bound.trigger).toEqual({ kind: 'any', triggers: [{ kind: 'event', event: 'Demo Requested' }, { kind: 'scoreThreshold', model: 'm-pql', threshold: 71, direction: 'up' }] });
    expect(bound.nodes.bump).toEqual({ kind: 'score', model: 'm-pql', adjust: 5 });
    expect(bindTemplateModels(composite, [{ id: 'm-lead', kind: 'events', publishedVersion: 1 }])).toBe(composite);
  });

  it('lets viewers browse without create buttons', () => {
    signIn('viewer');
    render(<TemplatesPage />);
    expect(screen.queryByRole('button', { name: /Use the/ })).toBeNull();
    expect(screen.getAllByRole('article').length).toBe(TEMPLATES.length);
  });
});
