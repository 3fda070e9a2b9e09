import { useState, type FormEvent } from 'react';
import { useClient, useQuery } from 'urql';
import { isValidIcd10 } from '../../../server/shared/identifiers';
import { CheckReferralDocument, RequiredExaminationsDocument, type CheckReferralQuery } from '../../generated/graphql';
import { CheckboxField, TextArea, TextField } from '../ui/fields';
import { FormMessages, Notice } from '../ui/feedback';
import { todayIso } from '../ui/format';
import { useDiagnosisHint } from '../cases/diagnosis-name';
import { DateField } from '../ui/DateField';

type Missing = CheckReferralQuery['checkReferral']['missing'];

/** НМУ codes as people paste them: separated by commas, semicolons, spaces or lines. */
const codesOf = (text: string) => text.split(/[\s,;]+/).filter(Boolean);

/**
 * Before the referral (088/у) goes to the bureau: the examinations the 402н/631н list requires for
 * the main diagnosis and the person's age that are not yet done, main first, ready to print.
 */
export function ReferralCheckPage() {
  const client = useClient();
  const [mainDiagnosis, setMainDiagnosis] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [onDate, setOnDate] = useState(todayIso());
  const [done, setDone] = useState('');
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [missing, setMissing] = useState<Missing | null>(null);
  const [problems, setProblems] = useState<{ general: string[]; byField: Record<string, string> }>({ general: [], byField: {} });
  const diagnosisHint = useDiagnosisHint(mainDiagnosis);
  const code = mainDiagnosis.trim().toUpperCase();
  // The list for the diagnosis and age, to tick what is done; a wrong entry is named on «Проверить».
  const [{ data: listed }] = useQuery({
    query: RequiredExaminationsDocument,
    variables: { mainDiagnosis: code, birthDate, onDate },
    pause: !isValidIcd10(code) || !birthDate || !onDate || birthDate > onDate,
  });
  const required = listed?.requiredExaminations ?? [];
  const tick = (nmuCode: string, on: boolean) =>
    setTicked((t) => {
      const next = new Set(t);
      if (on) next.add(nmuCode);
      else next.delete(nmuCode);
      return next;
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = { mainDiagnosis: mainDiagnosis.trim().toUpperCase(), birthDate, onDate, doneNmuCodes: [...codesOf(done), ...ticked] };
    const answer = await client.query(CheckReferralDocument, { input }, { requestPolicy: 'network-only' }).toPromise();
    const errors = answer.error?.graphQLErrors ?? [];
    const byField = Object.fromEntries(errors.filter((e) => e.extensions?.field).map((e) => [String(e.extensions.field), e.message]));
    setProblems({ general: errors.filter((e) => !e.extensions?.field).map((e) => e.message), byField });
    setMissing(answer.data?.checkReferral.missing ?? null);
  };

  const group = (basic: boolean) => (missing ?? []).filter((m) => m.basic === basic);
  return (
    <section aria-labelledby="referral-check-title" className="panel">
      <h1 id="referral-check-title">Проверка перед направлением на МСЭ</h1>
      <p className="muted">
        Перечень обследований — по приказу Минтруда России № 402н / Минздрава России № 631н от 10.06.2021 (справочник ФНСИ 1.2.643.5.1.13.13.99.2.857).
      </p>
      <form className="subform no-print" onSubmit={submit} noValidate aria-label="Проверка направления">
        <FormMessages messages={problems.general} />
        <div className="grid">
          <TextField
            label="Основной диагноз (МКБ-10)"
            value={mainDiagnosis}
            onChange={setMainDiagnosis}
            placeholder="I63.5"
            hint={diagnosisHint}
            error={problems.byField.mainDiagnosis}
          />
          <DateField label="Дата рождения" value={birthDate} onChange={setBirthDate} error={problems.byField.birthDate} />
          <DateField label="Дата направления" value={onDate} onChange={setOnDate} error={problems.byField.onDate} />
        </div>
        {required.length > 0 && (
          <fieldset>
            <legend>Что уже проведено (из перечня для этого диагноза и возраста)</legend>
            {required.map((r) => (
              <CheckboxField
                key={r.nmuCode}
                label={`${r.nmuCode} — ${r.name}${r.basic ? '' : ' (дополнительное)'}`}
                checked={ticked.has(r.nmuCode)}
                onChange={(on) => tick(r.nmuCode, on)}
              />
            ))}
          </fieldset>
        )}
        <TextArea
          label="Другие проведённые обследования (коды НМУ)"
          value={done}
          onChange={setDone}
          hint="через запятую или с новой строки, например A05.23.009, B03.016.003"
        />
        <button type="submit">Проверить</button>
      </form>
      {missing && missing.length === 0 && <Notice>Все обследования перечня для этого диагноза и возраста проведены.</Notice>}
      {missing && missing.length > 0 && (
        <div className="referral-check__result">
          {([true, false] as const).map((basic) =>
            group(basic).length ? (
              <div key={String(basic)}>
                <h2>{basic ? 'Не хватает основных обследований' : 'Не хватает дополнительных обследований'}</h2>
                <ul>
                  {group(basic).map((m) => (
                    <li key={m.nmuCode}>
                      {m.nmuCode} — {m.name}
                      {m.type && <span className="muted"> ({m.type})</span>}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null,
          )}
          <button type="button" className="button--secondary no-print" onClick={() => window.print()}>
            Распечатать для лечащего врача
          </button>
        </div>
      )}
    </section>
  );
}
