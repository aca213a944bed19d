import { Link } from '../../app/Link';
import { navigate, usePathname } from '../../app/navigation';
import { seesApprovals } from '../../store/changes-store';
import { useSessionStore } from '../../store/session-store';
import { resetWorkspaceData } from './reset-workspace-data';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

export function Header() {
  const role = useSessionStore((s) => s.role);
  const email = useSessionStore((s) => s.user?.email);
  const pathname = usePathname();

  const signOut = () => {
    useSessionStore.getState().signOut();
    resetWorkspaceData();
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
        <Link href="/scoring-models" className={section('/scoring-models')}>
          Scoring
        </Link>
        <Link href="/templates" className={section('/templates')}>
          Templates
        </Link>
        <Link href="/events" className={pathname === '/events' ? 'active' : undefined}>
          Events
        </Link>
        <Link href="/events/live" className={section('/events/live')}>
          Live events
        </Link>
        {role === 'admin' && (
          <Link href="/connections" className={section('/connections')}>
            Connections
          </Link>
        )}
        {seesApprovals(role) && (
          <Link href="/approvals" className={section('/approvals')}>
            Approvals
          </Link>
        )}
      </nav>
      <div className="header-session">
        <WorkspaceSwitcher />
        {email && <span className="user-email">{email}</span>}
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </div>
    </header>
  );
}
