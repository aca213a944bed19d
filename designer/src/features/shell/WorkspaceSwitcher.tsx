import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../api/graphql-client';
import { listMyWorkspaces, switchWorkspace, type MyWorkspace } from '../../api/workspace-operations';
import { navigate } from '../../app/navigation';
import { useSessionStore } from '../../store/session-store';
import { resetWorkspaceData } from './reset-workspace-data';

type MenuState = { status: 'closed' } | { status: 'loading' } | { status: 'open'; workspaces: MyWorkspace[] } | { status: 'error'; message: string };

/**
 * The current workspace and the user's role there; opens a menu of every workspace the user
 * belongs to (with their role in each). Choosing one swaps the token for that workspace's, forgets
 * the data loaded for the previous one and goes to the playbooks list, where pages load afresh.
 */
export function WorkspaceSwitcher() {
  const workspace = useSessionStore((s) => s.workspace);
  const role = useSessionStore((s) => s.role);
  const [menu, setMenu] = useState<MenuState>({ status: 'closed' });
  const [switching, setSwitching] = useState<string | null>(null);
  const [switchError, setSwitchError] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);

  // A click elsewhere or Escape closes the menu.
  useEffect(() => {
    if (menu.status === 'closed') return;
    const onClick = (event: MouseEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setMenu({ status: 'closed' });
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setMenu({ status: 'closed' });
    };
    document.addEventListener('mousedown', onClick);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onClick);
      document.removeEventListener('keydown', onKey);
    };
  }, [menu.status]);

  const toggle = async () => {
    if (menu.status !== 'closed') return setMenu({ status: 'closed' });
    setSwitchError(null);
    setMenu({ status: 'loading' });
    try {
      setMenu({ status: 'open', workspaces: await listMyWorkspaces() });
    } catch (error) {
      setMenu({ status: 'error', message: errorMessage(error) });
    }
  };

  const choose = async (target: MyWorkspace) => {
    if (target.id === workspace?.id) return setMenu({ status: 'closed' });
    setSwitching(target.id);
    try {
      const payload = await switchWorkspace(target.id);
      resetWorkspaceData();
      useSessionStore.getState().signedIn(payload);
      setMenu({ status: 'closed' });
      navigate('/playbooks');
    } catch (error) {
      setSwitchError(`Could not switch to ${target.name}: ${errorMessage(error)}`);
    } finally {
      setSwitching(null);
    }
  };

  return (
    <div className="workspace-switcher" ref={root}>
      <button type="button" className="workspace-switcher-button" aria-haspopup="menu" aria-expanded={menu.status !== 'closed'} onClick={() => void toggle()} title="Switch workspace">
        <span className="workspace-name" data-testid="workspace-name">
          {workspace?.name ?? '—'}
        </span>
        {role && <span className="role-badge">{role}</span>}
      </button>
      {menu.status === 'loading' && <div className="workspace-menu muted">Loading workspaces…</div>}
      {menu.status === 'error' && (
        <div className="workspace-menu error" role="alert">
          Could not load your workspaces: {menu.message}
        </div>
      )}
      {menu.status === 'open' && (
        <ul className="workspace-menu" role="menu" aria-label="Your workspaces">
          {menu.workspaces.map((item) => {
            const current = item.id === workspace?.id;
            return (
              <li key={item.id} role="none">
                <button
                  type="button"
                  role="menuitem"
                  aria-current={current ? 'true' : undefined}
                  disabled={switching !== null}
                  onClick={() => void choose(item)}
                >
                  <span>{item.name}</span> <span className="role-badge">{item.role}</span>
                  {current && <span className="muted"> (current)</span>}
                  {switching === item.id && <span className="muted"> switching…</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {switchError && (
        <div className="workspace-menu error" role="alert">
          {switchError}
        </div>
      )}
    </div>
  );
}
