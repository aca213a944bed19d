import { useMemo, useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/graphql-client';
import { createConnection, type ConnectionRecord, type ConnectorEntry } from '../../api/ops-operations';
import { configFields, configFromValues } from './connection-config';

/** A new connection of one connector: its name and the auth fields its config schema declares. */
export function ConnectForm({
  connector,
  onCreated,
  onCancel,
}: {
  connector: ConnectorEntry;
  onCreated: (connection: ConnectionRecord) => void;
  onCancel: () => void;
}) {
  const fields = useMemo(() => configFields(connector.auth.configSchema, connector.auth.secretFields), [connector]);
  const [name, setName] = useState(connector.name);
  const [values, setValues] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { config, problems: found } = configFromValues(fields, values);
    if (name.trim() === '') found['@name'] = 'A connection needs a name.';
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    setError(null);
    try {
      onCreated(await createConnection({ name: name.trim(), connector: connector.name, config }));
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };

  const set = (key: string, value: string) => setValues((v) => ({ ...v, [key]: value }));
  const formId = `connect-${connector.name}`;

  return (
    <form className="card connect-form" aria-label={`Connect ${connector.displayName}`} onSubmit={(e) => void submit(e)} noValidate>
      <h3>Connect {connector.displayName}</h3>
      <p className="muted">Credentials are encrypted by the API and never shown again.</p>
      <div className="field">
        <label htmlFor={`${formId}-name`}>Connection name</label>
        <input id={`${formId}-name`} value={name} onChange={(e) => setName(e.target.value)} required />
        {problems['@name'] && <p className="error">{problems['@name']}</p>}
      </div>
      {fields.length === 0 && <p className="muted">This connector needs no credentials.</p>}
      {fields.map(({ field, secret, input }) => {
        const id = `${formId}-${field.name}`;
        const value = values[field.name] ?? '';
        return (
          <div className="field" key={field.name}>
            <label htmlFor={id}>
              {field.label}
              {field.required ? ' *' : ''}
            </label>
            {input === 'boolean' ? (
              <select id={id} value={value} onChange={(e) => set(field.name, e.target.value)}>
                <option value="">{field.default !== undefined ? `Default (${String(field.default)})` : '—'}</option>
                <option value="true">Yes</option>
                <option value="false">No</option>
              </select>
            ) : input === 'select' ? (
              <select id={id} value={value} onChange={(e) => set(field.name, e.target.value)}>
                <option value="">—</option>
                {(field.options ?? []).map((option) => (
                  <option key={String(option)} value={String(option)}>
                    {String(option)}
                  </option>
                ))}
              </select>
            ) : input === 'json' ? (
              <textarea id={id} value={value} onChange={(e) => set(field.name, e.target.value)} placeholder="JSON" rows={3} />
            ) : (
              <input
                id={id}
                type={secret ? 'password' : input === 'number' ? 'number' : 'text'}
                autoComplete={secret ? 'new-password' : 'off'}
                value={value}
                onChange={(e) => set(field.name, e.target.value)}
              />
            )}
            {field.description && <p className="muted">{field.description}</p>}
            {problems[field.name] && <p className="error">{problems[field.name]}</p>}
          </div>
        );
      })}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="inline-form">
        <button type="submit" disabled={saving}>
          {saving ? 'Connecting…' : 'Save connection'}
        </button>
        <button type="button" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
      </div>
    </form>
  );
}
