import { useEffect } from 'react';
import type { ConnectionHealth, ConnectionOption } from '../../../api/connection-budget-operations';
import { useConnectionsStore } from '../../../store/connections-store';
import { SelectField, TextField } from '../forms/inputs';

interface ConnectionPickerProps {
  connector: string;
  value: string;
  onChange: (value: string) => void;
  problem?: string | undefined;
}

const HEALTH_TAGS: Record<ConnectionHealth, string | null> = {
  ok: null,
  quotaLow: 'quota low',
  quotaExhausted: 'quota used up',
  connectorMissing: 'connector not installed',
};

/** "hubspot-main (quota used up)": a connection's name, with its health when it is not ok. */
export function connectionOptionLabel(connection: Pick<ConnectionOption, 'name'> & Partial<Pick<ConnectionOption, 'health'>>): string {
  const tag = connection.health ? HEALTH_TAGS[connection.health] : null;
  return tag ? `${connection.name} (${tag})` : connection.name;
}

/**
 * The connection an action runs with, from the workspace's connections of its connector (query
 * `connectionOptions`, editors and admins, by name). For other roles, and while the list is not
 * there, the name is typed. A connection whose vendor quota is low or used up says so, so the
 * editor knows before publishing.
 */
export function ConnectionPicker({ connector, value, onChange, problem }: ConnectionPickerProps) {
  const connections = useConnectionsStore((s) => s.connections);
  const status = useConnectionsStore((s) => s.status);
  useEffect(() => void useConnectionsStore.getState().load(), []);

  if (status !== 'ready') {
    const why =
      status === 'forbidden'
        ? 'Only editors and admins can list connections: type the connection’s name.'
        : status === 'failed'
          ? 'The connections could not be loaded: type the connection’s name.'
          : 'The connection’s name (or id).';
    return <TextField label="Connection" value={value === '' ? undefined : value} onChange={(next) => onChange(next ?? '')} required description={why} problem={problem} />;
  }
  const mine = connections.filter((connection) => connection.connector === connector);
  const options = mine.map((connection) => ({ value: connection.name, label: connectionOptionLabel(connection) }));
  const byId = mine.find((connection) => connection.id === value);
  if (byId) options.push({ value: byId.id, label: `${connectionOptionLabel(byId)} (by id)` });
  const chosen = mine.find((connection) => connection.name === value || connection.id === value);
  const description = mine.length === 0 ? 'An admin adds connections under Connections.' : (chosen?.healthNote ?? undefined);
  return (
    <SelectField
      label="Connection"
      value={value === '' ? undefined : value}
      options={options}
      onChange={(next) => onChange(next ?? '')}
      emptyLabel={mine.length ? 'Choose a connection…' : `No ${connector || 'such'} connection yet`}
      required
      problem={problem}
      description={description}
    />
  );
}
