import { Link } from '../../app/Link';
import { navigate, usePathname } from '../../app/navigation';
import { usePlaybooksStore } from '../../store/playbooks-store';
import { useRunsStore } from '../../store/runs-store';
import { useSessionStore } from '../../store/session-store';

export function Header() {
  const workspace = useSessionStore((s) => s.workspace);
  const role = useSessionStore((s) => s.role);
  const email = useSessionStore((s) => s.user?.email);
  const pathname = usePathname();

  const signOut = () => {
    useSessionStore.getState().signOut();
    usePlaybooksStore.getState().reset();
    useRunsStore.getState().reset();
    navigate('/playbooks', { replace: true });
  };

  const section = (prefix: string) => (pathname === prefix || pathname.startsWith(`${prefix}/`) ? 'active' : undefined);

  return (
    <header className="header">
      <Link href="/playbooks" className="brand">
        Tripline
      </Link>
      <nav className="header-nav">
        <Link href="/playbooks" className={section('/playbooks') ?? (pathname === '/' ? 'active' : undefined)}>
          Playbooks
        </Link>
        <Link href="/runs" className={section('/runs')}>
          Runs
        </Link>
      </nav>
      <div className="header-session">
        <span className="workspace-name" data-testid="workspace-name">
          {workspace?.name ?? '—'}
        </span>
        {role && <span className="role-badge">{role}</span>}
        {email && <span className="user-email">{email}</span>}
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </div>
    </header>
  );
}
