import { useEffect, useRef, useState } from 'react';
import { useWords } from './i18n';

/** `dd/mm/yyyy` as offices write it, to `YYYY-MM-DD`; null when it is no real day. */
export function parseDay(text: string): string | null {
  const match = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!match) return null;
  const [, d, m, y] = match;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const day = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(iso) ? iso : null;
}

/** `YYYY-MM-DD` as `dd/mm/yyyy`. */
export function showDay(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * A day typed as `dd/mm/yyyy` whatever the browser's language (a date input shows the office PC's
 * locale, often mm/dd/yyyy); `onChange` gets `YYYY-MM-DD`, or '' while the text is no real day.
 */
export function DayInput({ name, label, value, onChange, required }: { name: string; label: string; value: string; onChange: (iso: string) => void; required?: boolean }) {
  const t = useWords();
  const [text, setText] = useState(value ? showDay(value) : '');
  useEffect(() => {
    if (value && parseDay(text) !== value) setText(showDay(value));
  }, [value]);
  const wrong = text.trim() !== '' && parseDay(text) === null;
  const input = useRef<HTMLInputElement>(null);
  // The browser keeps a form with a wrong day from being sent, and says why.
  useEffect(() => input.current?.setCustomValidity(wrong ? t('badDay') : ''), [wrong]);
  return (
    <label>
      {label}
      <input
        ref={input}
        name={name}
        value={text}
        inputMode="numeric"
        placeholder={t('dayHint')}
        required={required}
        aria-invalid={wrong}
        aria-describedby={wrong ? `${name}-error` : undefined}
        onChange={(event) => {
          setText(event.target.value);
          onChange(parseDay(event.target.value) ?? '');
        }}
      />
      {wrong && (
        <span id={`${name}-error`} className="error">
          {t('badDay')}
        </span>
      )}
    </label>
  );
}
