import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/graphql-client';
import { login } from '../../api/operations';
import { useSessionStore } from '../../store/session-store';

export function SignInPage() {
  const notice = useSessionStore((s) => s.notice);
  const signedIn = useSessionStore((s) => s.signedIn);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      signedIn(await login(email.trim(), password));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">
          <span className="brand">Tripline</span> Sign in
        </h1>
        {notice && <p className="notice">{notice}</p>}
        <label>
          Email
          <input
            name="email"
            type="email"
            autoComplete="username"
            placeholder="admin@tripline.local"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
