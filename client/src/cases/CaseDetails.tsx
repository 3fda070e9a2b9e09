import { useState } from 'react';
import { UpdateRefusalCaseDocument, type RefusalCaseFieldsFragment } from '../../generated/graphql';
import { Notice } from '../ui/feedback';
import { formatDate, personName } from '../ui/format';
import { SEX } from '../ui/labels';
import { usePayloadMutation } from '../ui/payload-mutation';
import { NO_ERRORS } from '../ui/user-errors';
import { CASE_FORM_FIELDS, caseFormFrom, toCaseInput, type CaseFormValues } from './case-form-model';
import { CaseForm } from './CaseForm';

/**
 * The case's fields, edited in place by whoever may edit them. A stale edit is not merged: the
 * form closes, the colleague's version is shown, and the user is told so.
 */
export function CaseDetails({ refusalCase, onChanged }: { refusalCase: RefusalCaseFieldsFragment; onChanged(): void }) {
  const [editing, setEditing] = useState(false);
  const [staleNotice, setStaleNotice] = useState<string | null>(null);
  const update = usePayloadMutation(UpdateRefusalCaseDocument, CASE_FORM_FIELDS);
  const c = refusalCase;

  const save = async (values: CaseFormValues) => {
    const { result, errors } = await update.send({ input: { id: c.id, version: c.version, ...toCaseInput(values) } });
    if (errors.staleVersion) {
      setEditing(false);
      setStaleNotice('Пока вы правили, случай изменил другой пользователь. Показана его версия; ваши правки не сохранены — внесите их заново.');
      onChanged();
      return NO_ERRORS;
    }
    if (result) {
      setEditing(false);
      setStaleNotice(null);
      return NO_ERRORS;
    }
    return errors;
  };

  if (editing) return <CaseForm initial={caseFormFrom(c)} submitLabel="Сохранить" onSubmit={save} onCancel={() => setEditing(false)} />;

  return (
    <>
      {staleNotice && <Notice>{staleNotice}</Notice>}
      <dl className="details">
        <dt>Застрахованное лицо</dt>
        <dd>
          {personName(c.person)}, {formatDate(c.person.birthDate)} г. р., пол {SEX[c.person.sex]}
        </dd>
        <dt>ЕНП</dt>
        <dd>
          {c.person.enp}
          {c.person.enpChecksumOverridden && <span className="badge">принят без проверки контрольной цифры</span>}
        </dd>
        <dt>СНИЛС</dt>
        <dd>{c.person.snils ?? '—'}</dd>
        <dt>СМО</dt>
        <dd>{c.smo.shortName}</dd>
        <dt>Направившая МО</dt>
        <dd>{c.mo.shortName}</dd>
        <dt>Бюро МСЭ</dt>
        <dd>{c.bureau.shortName}</dd>
        <dt>Направление (088/у)</dt>
        <dd>
          № {c.referralNumber} от {formatDate(c.referralDate)}
        </dd>
        <dt>Решение об отказе</dt>
        <dd>
          № {c.refusalDocumentNumber} от {formatDate(c.refusalDate)}
        </dd>
        <dt>Диагноз</dt>
        <dd>
          {c.mainDiagnosis}
          {c.mainDiagnosisName && ` — ${c.mainDiagnosisName}`}
          {c.secondaryDiagnoses.length > 0 && `; сопутствующие: ${c.secondaryDiagnoses.join(', ')}`}
        </dd>
        <dt>Недостающие обследования</dt>
        <dd>
          <ul>
            {c.missingExaminations.map((m) => (
              <li key={`${m.nmuCode ?? ''}${m.name}`}>
                {m.nmuCode ? `${m.nmuCode} ${m.name}` : `${m.name} (другое, без кода НМУ)`}
                {m.namedByBureau && <span className="badge">названо бюро</span>}
                {m.requiredByOrder === false && <span className="badge">сверх перечня 402н/631н</span>}
              </li>
            ))}
          </ul>
        </dd>
        {c.remarks && (
          <>
            <dt>Примечание</dt>
            <dd>{c.remarks}</dd>
          </>
        )}
      </dl>
      {c.editable && (
        <button type="button" className="button--secondary" onClick={() => setEditing(true)}>
          Изменить данные случая
        </button>
      )}
    </>
  );
}
