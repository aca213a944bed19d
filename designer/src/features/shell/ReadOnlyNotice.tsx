import type { Role } from '../../api/types';

/**
 * Why the editor's controls are disabled: the role, and who can change it. Shown to roles that may
 * look at playbooks but not edit them (viewer, approver, operator).
 */
export function ReadOnlyNotice({ role, what = 'edit playbooks' }: { role: Role | null; what?: string }) {
  return (
    <p className="notice read-only-notice" role="note">
      View only: your role ({role ?? 'none'}) cannot {what}. Editing needs the editor or admin role; a workspace admin can change it.
    </p>
  );
}
