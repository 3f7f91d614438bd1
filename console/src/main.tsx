import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { loadSession, Session, SESSION_ENDED, signOut } from './api';
import { Language, LanguageContext, useWords } from './i18n';
import { AlertsPage } from './pages/AlertsPage';
import { CasePage } from './pages/CasePage';
import { InboxPage } from './pages/InboxPage';
import { IntakePage } from './pages/IntakePage';
import { SignInPage } from './pages/SignInPage';
import { ReportsPage } from './pages/ReportsPage';
import { TaskPage } from './pages/TaskPage';
import { href, navigate, onLink, usePath } from './router';
import './styles.css';

function Navigation({ session, onSignOut, onLanguage }: { session: Session; onSignOut: () => void; onLanguage: () => void }) {
  const t = useWords();
  const roles = session.me.roles;
  const links: Array<[string, string, boolean]> = [
    ['/intake', t('intake'), roles.includes('operator') || roles.includes('officer')],
    ['/inbox', t('inbox'), roles.some((r) => r !== 'administrator')],
    ['/alerts', t('alerts'), roles.includes('supervisor') || roles.includes('coordinator')],
    ['/reports', t('reports'), roles.includes('supervisor') || roles.includes('coordinator')],
  ];
  return (
    <header className="top">
      <a className="brand" href={href('/inbox')} onClick={onLink('/inbox')}>
        {t('appName')}
      </a>
      <nav aria-label={t('appName')}>
        {links
          .filter(([, , shown]) => shown)
          .map(([path, label]) => (
            <a key={path} href={href(path)} onClick={onLink(path)}>
              {label}
            </a>
          ))}
      </nav>
      <span className="who">{session.me.username}</span>
      <button type="button" onClick={onLanguage}>
        {t('switchLanguage')}
      </button>
      <button type="button" onClick={onSignOut}>
        {t('signOut')}
      </button>
    </header>
  );
}

function Page({ path, session }: { path: string; session: Session }) {
  const [, section, id, code, period] = path.split('/');
  switch (section) {
    case 'intake':
      return <IntakePage />;
    case 'alerts':
      return <AlertsPage session={session} />;
    case 'tasks':
      return <TaskPage id={id} />;
    case 'cases':
      return <CasePage id={id} />;
    case 'reports':
      return <ReportsPage session={session} level={id} code={code} period={period} />;
    default:
      return <InboxPage session={session} />;
  }
}

function App() {
  const [language, setLanguage] = useState<Language>(() => (localStorage.getItem('cpr.language') === 'en' ? 'en' : 'vi'));
  const [session, setSession] = useState<Session | null>(loadSession);
  const [ended, setEnded] = useState(false);
  const path = usePath();
  useEffect(() => {
    const end = () => {
      setSession(null);
      setEnded(true);
    };
    addEventListener(SESSION_ENDED, end);
    return () => removeEventListener(SESSION_ENDED, end);
  }, []);
  const switchLanguage = () => {
    const next = language === 'vi' ? 'en' : 'vi';
    localStorage.setItem('cpr.language', next);
    document.documentElement.lang = next;
    setLanguage(next);
  };
  return (
    <LanguageContext.Provider value={language}>
      {session ? (
        <>
          <Navigation
            session={session}
            onLanguage={switchLanguage}
            onSignOut={() => {
              void signOut().then(() => setSession(null));
            }}
          />
          <main id="main">
            <Page path={path} session={session} />
          </main>
        </>
      ) : (
        <main id="main">
          <SignInPage
            notice={ended ? 'sessionEnded' : null}
            onSignedIn={(signedIn) => {
              setEnded(false);
              setSession(signedIn);
              navigate(path === '/' ? (signedIn.me.roles.includes('operator') ? '/intake' : '/inbox') : path);
            }}
            onLanguage={switchLanguage}
          />
        </main>
      )}
    </LanguageContext.Provider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
