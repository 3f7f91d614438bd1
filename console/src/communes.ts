import { useEffect, useState } from 'react';
import { api } from './api';

/**
 * The names of the communes with these codes, from the gazetteer, asked once per code: screens
 * show a commune by its name, never its code. A code not yet known (or not found) stands for itself.
 */
export function useCommuneNames(codes: readonly string[]): (code: string) => string {
  const [names, setNames] = useState<Record<string, string>>({});
  const missing = [...new Set(codes)].filter((code) => !(code in names));
  useEffect(() => {
    for (const code of missing) {
      void api<{ name: string }>('GET', `/gazetteer/units/${code}`).then((unit) => setNames((known) => ({ ...known, [code]: unit.name })), () => undefined);
    }
  }, [missing.join(',')]);
  return (code) => names[code] ?? code;
}
