import { useEffect, useState } from 'react';

const BASE = '/console';

/** The path below /console, following history navigation. */
export function usePath(): string {
  const [path, setPath] = useState(() => location.pathname.slice(BASE.length) || '/');
  useEffect(() => {
    const update = () => setPath(location.pathname.slice(BASE.length) || '/');
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return path;
}

export function navigate(path: string): void {
  history.pushState(null, '', `${BASE}${path}`);
  dispatchEvent(new PopStateEvent('popstate'));
}

export function href(path: string): string {
  return `${BASE}${path}`;
}

/** Links that navigate inside the console without reloading it. */
export function onLink(path: string) {
  return (event: { preventDefault(): void; metaKey?: boolean; ctrlKey?: boolean }) => {
    if (event.metaKey || event.ctrlKey) return;
    event.preventDefault();
    navigate(path);
  };
}
