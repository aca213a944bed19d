import { useEffect } from 'react';
import { useConnectionsStore } from '../../../store/connections-store';
import { SelectField, TextField } from '../forms/inputs';

interface ConnectionPickerProps {
  connector: string;
  value: string;
  onChange: (value: string) => void;
  problem?: string | undefined;
}

/**
 * The connection an action runs with, from the workspace's connections of its connector (query
 * `connections`, by name). Only admins may list connections: for others, and while the list is not
 * there, the name is typed.
 */
export function ConnectionPicker({ connector, value, onChange, problem }: ConnectionPickerProps) {
  const connections = useConnectionsStore((s) => s.connections);
  const status = useConnectionsStore((s) => s.status);
  useEffect(() => void useConnectionsStore.getState().load(), []);

  if (status !== 'ready') {
    const why =
      status === 'forbidden'
        ? 'Only admins can list connections: type the connection’s name.'
        : status === 'failed'
          ? 'The connections could not be loaded: type the connection’s name.'
          : 'The connection’s name (or id).';
    return <TextField label="Connection" value={value === '' ? undefined : value} onChange={(next) => onChange(next ?? '')} required description={why} problem={problem} />;
  }
  const mine = connections.filter((connection) => connection.connector === connector);
  const options = mine.map((connection) => ({ value: connection.name, label: connection.name }));
  const byId = mine.find((connection) => connection.id === value);
  if (byId) options.push({ value: byId.id, label: `${byId.name} (by id)` });
  return (
    <SelectField
      label="Connection"
      value={value === '' ? undefined : value}
      options={options}
      onChange={(next) => onChange(next ?? '')}
      emptyLabel={mine.length ? 'Choose a connection…' : `No ${connector || 'such'} connection yet`}
      required
      problem={problem}
      description={mine.length ? undefined : 'An admin adds connections under Connections.'}
    />
  );
}
