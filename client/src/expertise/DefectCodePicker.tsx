import { useDeferredValue, useId, useState } from 'react';
import { useQuery } from 'urql';
import { DefectCodesDocument, type DefectCodeFieldsFragment } from '../../generated/graphql';
import { formatCoefficient } from '../ui/format';

/**
 * Finds a defect code by its number or by words of its text. Group rows (codes with sub-items)
 * are listed for orientation but cannot be chosen: the catalogue gives them no coefficients.
 */
export function DefectCodePicker({
  value,
  onChange,
  error,
  section,
}: {
  value: DefectCodeFieldsFragment | null;
  onChange(code: DefectCodeFieldsFragment | null): void;
  error?: string;
  /** Only codes of this section of the catalogue are offered (the one the expertise's type takes). */
  section?: number;
}) {
  const id = useId();
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search.trim());
  const [{ data, fetching }] = useQuery({
    query: DefectCodesDocument,
    variables: { search: deferred, section },
    pause: deferred.length < 1,
    requestPolicy: 'cache-first',
  });
  const codes = data?.defectCodes.slice(0, 30) ?? [];

  if (value) {
    return (
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <span className="field__label">Код дефекта</span>
        <div className="chosen-code">
          <strong>{value.code}</strong> {value.text}
          <div className="muted">
            Кно {formatCoefficient(value.nonPaymentCoefficient)} · Кшт {formatCoefficient(value.fineCoefficient)}
          </div>
          <button type="button" className="button--link" onClick={() => onChange(null)}>
            Выбрать другой код
          </button>
        </div>
        {error && (
          <span className="field__error" role="alert">
            {error}
          </span>
        )}
      </div>
    );
  }

  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>Код дефекта — номер или слова из текста</label>
      <input
        id={id}
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        placeholder="3.2.1 или «диагностических»"
        aria-describedby={`${id}-results`}
      />
      {error && (
        <span className="field__error" role="alert">
          {error}
        </span>
      )}
      <div id={`${id}-results`} aria-live="polite">
        {fetching && deferred && <p className="muted">Поиск…</p>}
        {data && codes.length === 0 && <p className="muted">Ничего не найдено.</p>}
        {codes.length > 0 && (
          <ul className="code-list" aria-label="Найденные коды">
            {codes.map((code) => (
              <li key={code.id}>
                <button type="button" className="code-option" disabled={!code.assignable} onClick={() => onChange(code)}>
                  <strong>{code.code}</strong> {code.text}
                  <span className="muted">
                    {code.assignable
                      ? ` — Кно ${formatCoefficient(code.nonPaymentCoefficient)}, Кшт ${formatCoefficient(code.fineCoefficient)}`
                      : ' — группа, выберите подпункт'}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
