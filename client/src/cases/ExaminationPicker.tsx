import { useId } from 'react';
import { useQuery } from 'urql';
import { leadingNmuCode } from '../../../server/shared/identifiers';
import { MedicalServicesDocument } from '../../generated/graphql';
import { TextField } from '../ui/fields';

export interface ExaminationValue {
  /** НМУ code; null — written as text («другое»). */
  nmuCode: string | null;
  name: string;
  namedByBureau: boolean;
}

/** «A05.10.006 Регистрация электрокардиограммы» → the code and the name; codes typed on a Russian keyboard too. */
export function examinationFromText(text: string, namedByBureau: boolean): ExaminationValue {
  const leading = leadingNmuCode(text);
  return leading ? { nmuCode: leading.code, name: leading.rest, namedByBureau } : { nmuCode: null, name: text, namedByBureau };
}

export const examinationText = (e: ExaminationValue) => (e.nmuCode ? `${e.nmuCode} ${e.name}`.trim() : e.name);

/**
 * One missing examination: picked from the nomenclature of medical services by words or code
 * (the browser's suggestions list), or written as text when the НМУ has no such service.
 */
export function ExaminationPicker({
  label,
  value,
  error,
  onChange,
}: {
  label: string;
  value: ExaminationValue;
  error?: string;
  onChange(value: ExaminationValue): void;
}) {
  const listId = useId();
  const text = examinationText(value);
  const search = value.nmuCode ?? value.name.trim();
  const [{ data }] = useQuery({ query: MedicalServicesDocument, variables: { search, first: 15 }, pause: search.length < 3 });
  const hint = value.nmuCode
    ? 'услуга НМУ'
    : value.name.trim()
      ? 'другое: без кода НМУ (выберите из подсказок, если услуга есть в номенклатуре)'
      : 'код НМУ или слова названия';
  return (
    <>
      <TextField label={label} value={text} list={listId} hint={hint} error={error} onChange={(t) => onChange(examinationFromText(t, value.namedByBureau))} />
      <datalist id={listId}>
        {data?.medicalServices.map((s) => (
          <option key={s.code} value={`${s.code} ${s.name}`} />
        ))}
      </datalist>
    </>
  );
}
