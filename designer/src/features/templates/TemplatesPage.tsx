import { useState } from 'react';
import { errorMessage } from '../../api/graphql-client';
import { createPlaybook } from '../../api/operations';
import { navigate } from '../../app/navigation';
import { pathOf } from '../../app/routes';
import { canEditPlaybooks, useSessionStore } from '../../store/session-store';
import { usePlaybooksStore } from '../../store/playbooks-store';
import { listScoringModels } from '../../api/scoring-operations';
import { bindTemplateModels, playbookFromTemplate, templateFacts, TEMPLATES, type PlaybookTemplate } from './templates';

/** Ready-made playbooks: each card creates a draft playbook from its template and opens it. */
export function TemplatesPage() {
  const canCreate = canEditPlaybooks(useSessionStore((s) => s.role));
  return (
    <section className="templates-page">
      <div className="page-title">
        <h1>Templates</h1>
      </div>
      <p className="muted">
        Start from a proven playbook. A template becomes a draft you can change before publishing.
        {!canCreate && ' Your role can browse templates; editors and admins create playbooks from them.'}
      </p>
      <div className="card-grid" data-testid="template-gallery">
        {TEMPLATES.map((template) => (
          <TemplateCard key={template.playbook.id} template={template} canCreate={canCreate} />
        ))}
      </div>
    </section>
  );
}

function TemplateCard({ template, canCreate }: { template: PlaybookTemplate; canCreate: boolean }) {
  const { playbook, covers } = template;
  const [name, setName] = useState(playbook.name);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const use = async () => {
    const trimmed = name.trim();
    if (trimmed === '') {
      setError('Give the new playbook a name.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // "pql" in a template means the workspace's PQL model.
      const definition = bindTemplateModels(playbookFromTemplate(playbook, trimmed), await listScoringModels());
      const created = await createPlaybook({ name: trimmed, description: playbook.description, definition });
      usePlaybooksStore.setState((s) => ({ list: [created, ...s.list.filter((p) => p.id !== created.id)] }));
      navigate(pathOf({ name: 'playbook', id: created.id }));
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  const inputId = `template-name-${playbook.id}`;
  return (
    <article className="card template-card" aria-label={playbook.name} data-template-id={playbook.id}>
      <h2>{playbook.name}</h2>
      {covers && <p className="muted">{covers}</p>}
      <p>{playbook.description}</p>
      <p className="muted">{templateFacts(playbook)}</p>
      {canCreate && (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            void use();
          }}
        >
          <label htmlFor={inputId}>
            Name
            <input id={inputId} value={name} onChange={(e) => setName(e.target.value)} disabled={busy} />
          </label>
          <button type="submit" disabled={busy} aria-label={`Use the ${playbook.name} template`}>
            {busy ? 'Creating…' : 'Use this template'}
          </button>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </article>
  );
}
