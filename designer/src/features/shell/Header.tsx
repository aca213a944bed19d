import { Link } from '../../app/Link';
import { navigate, usePathname } from '../../app/navigation';
import { usePlaybooksStore } from '../../store/playbooks-store';
import { useRunsStore } from '../../store/runs-store';
import { seesApprovals, useChangesStore } from '../../store/changes-store';
import { useScoringStore } from '../../store/scoring-store';
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
    useScoringStore.getState().reset();
    useChangesStore.getState().reset();
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
        <Link href="/events" className={section('/events')}>
          Events
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
