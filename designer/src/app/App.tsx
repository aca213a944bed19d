import { useEffect } from 'react';
import { errorMessage } from '../api/graphql-client';
import { fetchMe } from '../api/operations';
import { ApprovalsPage } from '../features/approvals/ApprovalsPage';
import { ChangeRequestPage } from '../features/approvals/ChangeRequestPage';
import { SignInPage } from '../features/auth/SignInPage';
import { PlaybookPage } from '../features/playbooks/PlaybookPage';
import { PlaybooksPage } from '../features/playbooks/PlaybooksPage';
import { ConnectionsPage } from '../features/connections/ConnectionsPage';
import { EventsPage } from '../features/events/EventsPage';
import { LiveEventsPage } from '../features/events/LiveEventsPage';
import { RunPage } from '../features/runs/RunPage';
import { TemplatesPage } from '../features/templates/TemplatesPage';
import { RunsPage } from '../features/runs/RunsPage';
import { PlaybookBacktestPage } from '../features/backtest/PlaybookBacktestPage';
import { ScoringModelPage } from '../features/scoring/ScoringModelPage';
import { ScoringModelsPage } from '../features/scoring/ScoringModelsPage';
import { Header } from '../features/shell/Header';
import { useSessionStore } from '../store/session-store';
import { Link } from './Link';
import { useRoute } from './navigation';

export function App() {
  const token = useSessionStore((s) => s.token);
  if (!token) return <SignInPage />;
  return <SignedInApp token={token} />;
}

function SignedInApp({ token }: { token: string }) {
  useRefreshedSession(token);
  return (
    <div className="app">
      <Header />
      {/* Keyed by the token: switching workspace remounts the page, which loads the new workspace's data. */}
      <main className="page" key={token}>
        <CurrentPage />
      </main>
    </div>
  );
}

function CurrentPage() {
  const route = useRoute();
  switch (route.name) {
    case 'playbooks':
      return <PlaybooksPage />;
    case 'playbook':
      return <PlaybookPage key={route.id} id={route.id} />;
    case 'runs':
      return <RunsPage />;
    case 'run':
      return <RunPage key={route.id} id={route.id} />;
    case 'approvals':
      return <ApprovalsPage />;
    case 'changeRequest':
      // A signed link from an approval email carries ?token=…; it outlives sign-in, which keeps the URL.
      return <ChangeRequestPage key={route.id} id={route.id} token={new URLSearchParams(window.location.search).get('token')} />;
    case 'connections':
      return <ConnectionsPage />;
    case 'templates':
      return <TemplatesPage />;
    case 'events':
      return <EventsPage />;
    case 'liveEvents':
      return <LiveEventsPage />;
    case 'scoringModels':
      return <ScoringModelsPage />;
    case 'scoringModel':
      return <ScoringModelPage key={route.id} id={route.id} />;
    case 'playbookBacktest':
      return <PlaybookBacktestPage key={route.id} playbookId={route.id} />;
    case 'notFound':
      return (
        <section className="empty-state">
          <h1>Page not found</h1>
          <p>
            Nothing lives at <code>{route.path}</code>. <Link href="/playbooks">Go to playbooks</Link>.
          </p>
        </section>
      );
  }
}

/** A stored token may have expired or its role changed: ask the API who we are once per session. */
function useRefreshedSession(token: string) {
  useEffect(() => {
    let cancelled = false;
    fetchMe()
      .then((me) => {
        const session = useSessionStore.getState();
        if (!cancelled && session.token === token) session.signedIn({ token, ...me });
      })
      // An expired token signs out inside the client; an unreachable API shows on each page instead.
      .catch((error: unknown) => console.warn(`Could not refresh the session: ${errorMessage(error)}`));
    return () => {
      cancelled = true;
    };
  }, [token]);
}
