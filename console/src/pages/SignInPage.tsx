import { FormEvent, useState } from 'react';
import { ApiError, Session, signIn } from '../api';
import { useLabel, useWords } from '../i18n';

export function SignInPage({ onSignedIn, onLanguage, notice }: { onSignedIn: (session: Session) => void; onLanguage: () => void; notice: 'sessionEnded' | null }) {
  const t = useWords();
  const label = useLabel();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      onSignedIn(await signIn(username, password));
    } catch (failure) {
      setError(failure instanceof ApiError ? label(failure.body.message) || failure.message : String(failure));
    }
  };
  return (
    <form className="card narrow" onSubmit={submit} aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('appName')}</h1>
      {notice && (
        <p role="alert" className="notice">
          {t(notice)}
        </p>
      )}
      <label>
        {t('username')}
        <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
      </label>
      <label>
        {t('password')}
        <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit">{t('signIn')}</button>
        <button type="button" className="quiet" onClick={onLanguage}>
          {t('switchLanguage')}
        </button>
      </div>
    </form>
  );
}
