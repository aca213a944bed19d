import { useCallback, useEffect, useState } from 'react';
import { fetchConnectionBudgets, type ConnectionBudget } from '../../api/connection-budget-operations';
import { formatDateTime } from '../../app/format';
import { errorMessage, GraphqlRequestError } from '../../api/graphql-client';
import {
  fetchConnectionsOverview,
  testConnection,
  type ConnectionRecord,
  type ConnectionsOverview,
  type ConnectionTestResult,
  type ConnectorEntry,
} from '../../api/ops-operations';
import { useSessionStore } from '../../store/session-store';
import { failed, LOADING, READY, type LoadState } from '../../store/load-state';
import { LoadStateNotice } from '../shell/LoadStateNotice';
import { BudgetCell } from './BudgetCell';
import { ConnectForm } from './ConnectForm';

/** "10 / s", "1 / min": a connector's declared vendor rate limit. */
export function formatRate(perSecond: number | null): string {
  if (perSecond === null || perSecond <= 0) return 'not declared';
  if (perSecond >= 1) return `${Number(perSecond.toFixed(2))} / s`;
  return `${Number((perSecond * 60).toFixed(2))} / min`;
}

/** Connections (admins): the connector catalogue, connecting one, testing, health and the rate-limit budget of each. */
export function ConnectionsPage() {
  const role = useSessionStore((s) => s.role);
  if (role !== 'admin') {
    return (
      <section className="empty-state">
        <h1>Connections</h1>
        <p>Only workspace admins manage connections.</p>
      </section>
    );
  }
  return <AdminConnections />;
}

function AdminConnections() {
  const [overview, setOverview] = useState<ConnectionsOverview | null>(null);
  const [state, setState] = useState<LoadState>(LOADING);
  const [connecting, setConnecting] = useState<ConnectorEntry | null>(null);
  const [tests, setTests] = useState<Record<string, ConnectionTestResult | { testing: true } | { error: string }>>({});
  const [budgets, setBudgets] = useState<Map<string, ConnectionBudget>>(new Map());
  const [budgetState, setBudgetState] = useState<LoadState>(LOADING);

  const load = useCallback(async () => {
    try {
      setOverview(await fetchConnectionsOverview());
      setState(READY);
    } catch (error) {
      setState(failed(error instanceof GraphqlRequestError && error.code === 'FORBIDDEN' ? 'only admins may see connections' : errorMessage(error)));
    }
  }, []);
  useEffect(() => void load(), [load]);

  // Budgets load on their own: a failure there must not hide the connections.
  const loadBudgets = useCallback(async () => {
    setBudgetState(LOADING);
    try {
      setBudgets(new Map((await fetchConnectionBudgets()).map((budget) => [budget.connectionId, budget])));
      setBudgetState(READY);
    } catch (error) {
      setBudgetState(failed(errorMessage(error)));
    }
  }, []);
  useEffect(() => void loadBudgets(), [loadBudgets]);

  const runTest = async (connection: ConnectionRecord) => {
    setTests((t) => ({ ...t, [connection.id]: { testing: true } }));
    try {
      const result = await testConnection(connection.id);
      setTests((t) => ({ ...t, [connection.id]: result }));
    } catch (error) {
      setTests((t) => ({ ...t, [connection.id]: { error: errorMessage(error) } }));
    }
  };

  const connectorOf = (name: string) => overview?.connectorCatalogue.find((c) => c.name === name);

  return (
    <section className="connections-page">
      <div className="page-title">
        <h1>Connections</h1>
      </div>
      <LoadStateNotice state={state} what="connections" />
      {overview && (
        <>
          <h2>Your connections</h2>
          <LoadStateNotice state={budgetState} what="budgets" />
          {budgetState.status !== 'loading' && overview.connections.length > 0 && (
            <button type="button" onClick={() => void loadBudgets()}>
              Refresh budgets
            </button>
          )}
          {overview.connections.length === 0 ? (
            <p className="empty-state">No connections yet. Connect one from the catalogue below.</p>
          ) : (
            <table className="table" data-testid="connections-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Connector</th>
                  <th>Rate limit</th>
                  <th>Budget</th>
                  <th>Triggers</th>
                  <th>Test</th>
                </tr>
              </thead>
              <tbody>
                {overview.connections.map((connection) => {
                  const connector = connectorOf(connection.connector);
                  const triggers = overview.connectionTriggers.filter((t) => t.connectionId === connection.id);
                  const test = tests[connection.id];
                  const budget = budgets.get(connection.id);
                  return (
                    <tr key={connection.id} data-connection-id={connection.id}>
                      <td>
                        <strong>{connection.name}</strong>
                        <div className="muted">since {formatDateTime(connection.createdAt)}</div>
                      </td>
                      <td>{connector?.displayName ?? connection.connector}</td>
                      <td>
                        {formatRate(budget ? budget.ratePerSecond : (connector?.rateLimitPerSecond ?? null))}
                        {budget?.rateSource === 'override' && <div className="muted">set by TRIPLINE_…_RATE_PER_SECOND</div>}
                      </td>
                      <td>
                        <BudgetCell budget={budget} />
                      </td>
                      <td>
                        {triggers.length === 0 ? (
                          <span className="muted">none</span>
                        ) : (
                          <ul className="plain-list">
                            {triggers.map((t) => (
                              <li key={t.trigger}>
                                {t.trigger} ({t.enabled ? 'on' : 'off'}):{' '}
                                {t.lastError ? (
                                  <span className="health-bad" title={t.lastError}>
                                    failing since {formatDateTime(t.lastErrorAt)} — {t.lastError}
                                  </span>
                                ) : (
                                  <span className="health-ok">
                                    {t.itemsDelivered} items, last poll {formatDateTime(t.lastPollAt ?? t.lastDeliveryAt)}
                                  </span>
                                )}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td>
                        {connector?.auth.canTest === false ? (
                          <span className="muted">cannot be tested</span>
                        ) : (
                          <>
                            <button
                              type="button"
                              onClick={() => void runTest(connection)}
                              disabled={test !== undefined && 'testing' in test}
                              aria-label={`Test ${connection.name}`}
                            >
                              {test !== undefined && 'testing' in test ? 'Testing…' : 'Test'}
                            </button>{' '}
                            <TestOutcome test={test} />
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}

          {connecting && (
            <ConnectForm
              key={connecting.name}
              connector={connecting}
              onCancel={() => setConnecting(null)}
              onCreated={(created) => {
                setConnecting(null);
                setOverview((o) => (o ? { ...o, connections: [...o.connections, created] } : o));
              }}
            />
          )}

          <h2>Catalogue</h2>
          <div className="card-grid" data-testid="connector-catalogue">
            {overview.connectorCatalogue.map((connector) => (
              <article className="card" key={connector.name} aria-label={connector.displayName}>
                <h3>
                  {connector.displayName} <span className="muted">v{connector.version}</span>
                </h3>
                <p className="muted">
                  Auth: {connector.auth.kind} · rate limit {formatRate(connector.rateLimitPerSecond)}
                </p>
                <p>
                  {connector.actions.length} action{connector.actions.length === 1 ? '' : 's'}
                  {connector.triggers.length > 0 && `, ${connector.triggers.length} trigger${connector.triggers.length === 1 ? '' : 's'}`}
                </p>
                <button type="button" onClick={() => setConnecting(connector)} aria-label={`Connect ${connector.displayName}`}>
                  Connect
                </button>
              </article>
            ))}
          </div>
        </>
      )}
    </section>
  );
}

function TestOutcome({ test }: { test: ConnectionTestResult | { testing: true } | { error: string } | undefined }) {
  if (!test || 'testing' in test) return null;
  if ('error' in test) {
    return (
      <span className="health-bad" role="alert">
        {test.error}
      </span>
    );
  }
  return (
    <span className={test.ok ? 'health-ok' : 'health-bad'} role="status">
      {test.ok ? 'OK' : 'Failed'}
      {test.message ? `: ${test.message}` : ''} <span className="muted">({formatDateTime(test.testedAt)})</span>
    </span>
  );
}
