import { languages, useI18n } from '../i18n/i18n.tsx';

export function LanguageSwitch() {
  const { s, setLanguage } = useI18n();
  return (
    <label className="language-switch">
      <span>{s.app.language}</span>
      <select value={s.meta.code} onChange={(e) => setLanguage(e.target.value)} data-testid="language">
        {languages.map((l) => (
          <option key={l.meta.code} value={l.meta.code} lang={l.meta.code}>
            {l.meta.name}
          </option>
        ))}
      </select>
    </label>
  );
}
