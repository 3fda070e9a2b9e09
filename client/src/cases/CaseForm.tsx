import { useState, type FormEvent } from 'react';
import { isValidEnp } from '../../../server/shared/identifiers';
import { organisationOptions, useOrganisations } from '../app/organisations';
import { CheckboxField, SelectField, TextArea, TextField } from '../ui/fields';
import { FormFooter, FormMessages } from '../ui/feedback';
import { SEX, options } from '../ui/labels';
import { NO_ERRORS, type FormErrors } from '../ui/user-errors';
import { instantCaseChecks, type CaseFormField, type CaseFormValues } from './case-form-model';

interface CaseFormProps {
  initial: CaseFormValues;
  submitLabel: string;
  /** Sends the values; answers the server's errors (none when saved). */
  onSubmit(values: CaseFormValues): Promise<FormErrors>;
  onCancel?(): void;
}

type TextKey = { [K in keyof CaseFormValues]: CaseFormValues[K] extends string ? K : never }[keyof CaseFormValues];
const upperCase = (v: string) => v.toUpperCase();

/** Registration and editing of a refusal case: the same fields, checked as they are typed. */
export function CaseForm({ initial, submitLabel, onSubmit, onCancel }: CaseFormProps) {
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [serverErrors, setServerErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const { mos, bureaus } = useOrganisations();

  const instant = instantCaseChecks(values);
  // A server error stands until its field is edited; an instant check shows once the field is left.
  const errorOf = (field: CaseFormField) => serverErrors.byField[field] ?? (touched.has(field) ? instant[field] : undefined);
  const set =
    <K extends keyof CaseFormValues>(key: K, field?: CaseFormField) =>
    (value: CaseFormValues[K]) => {
      setValues((v) => ({ ...v, [key]: value }));
      if (field && serverErrors.byField[field]) {
        const { [field]: _dropped, ...rest } = serverErrors.byField;
        setServerErrors({ ...serverErrors, byField: rest });
      }
    };
  const blur = (field: CaseFormField) => () => setTouched((t) => new Set(t).add(field));
  /** A text field's value, change, leave and error, wired to one form field. */
  const bind = (key: TextKey, field: CaseFormField, normalise = (v: string) => v) => ({
    value: values[key],
    onChange: (v: string) => set(key, field)(normalise(v)),
    onBlur: blur(field),
    error: errorOf(field),
  });
  const enpNeedsOverride = /^\d{16}$/.test(values.enp.trim()) && !isValidEnp(values.enp.trim());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(new Set(Object.keys(instant)));
    setBusy(true);
    setServerErrors(await onSubmit(values));
    setBusy(false);
  };

  const examination = (index: number, patch: Partial<CaseFormValues['missingExaminations'][number]>) =>
    set('missingExaminations', 'missingExaminations')(values.missingExaminations.map((m, i) => (i === index ? { ...m, ...patch } : m)));

  return (
    <form className="case-form" onSubmit={submit} noValidate>
      <FormMessages messages={serverErrors.general} />
      <fieldset>
        <legend>Застрахованное лицо</legend>
        <div className="grid">
          <TextField label="ЕНП" {...bind('enp', 'person.enp')} inputMode="numeric" maxLength={16} required hint="16 цифр, последняя — контрольная" />
          <TextField label="СНИЛС" {...bind('snils', 'person.snils')} placeholder="112-233-445 95" hint="необязательно" />
          <TextField label="Фамилия" {...bind('surname', 'person.surname')} required />
          <TextField label="Имя" {...bind('name', 'person.name')} required />
          <TextField label="Отчество" {...bind('patronymic', 'person.patronymic')} />
          <TextField label="Дата рождения" type="date" {...bind('birthDate', 'person.birthDate')} required />
          <SelectField
            label="Пол"
            value={values.sex}
            options={options(SEX)}
            placeholder="выберите"
            onChange={set('sex', 'person.sex')}
            error={errorOf('person.sex')}
          />
        </div>
        {(enpNeedsOverride || values.enpChecksumOverride) && (
          <CheckboxField
            label="Полис настоящий: принять ЕНП без проверки контрольной цифры (будет записано в историю)"
            checked={values.enpChecksumOverride}
            onChange={set('enpChecksumOverride', 'person.enp')}
          />
        )}
      </fieldset>

      <fieldset>
        <legend>Направление и отказ</legend>
        <div className="grid">
          <SelectField
            label="Направившая МО"
            value={values.moId}
            options={organisationOptions(mos)}
            placeholder="выберите"
            onChange={set('moId', 'moId')}
            error={errorOf('moId')}
          />
          <SelectField
            label="Бюро МСЭ"
            value={values.bureauId}
            options={organisationOptions(bureaus)}
            placeholder="выберите"
            onChange={set('bureauId', 'bureauId')}
            error={errorOf('bureauId')}
          />
          <TextField label="Номер направления (088/у)" {...bind('referralNumber', 'referralNumber')} required />
          <TextField label="Дата направления" type="date" {...bind('referralDate', 'referralDate')} required />
          <TextField label="Номер решения об отказе" {...bind('refusalDocumentNumber', 'refusalDocumentNumber')} required />
          <TextField label="Дата отказа" type="date" {...bind('refusalDate', 'refusalDate')} required />
          <TextField label="Основной диагноз (МКБ-10)" {...bind('mainDiagnosis', 'mainDiagnosis', upperCase)} placeholder="I63.5" required />
          <TextField
            label="Сопутствующие диагнозы"
            {...bind('secondaryDiagnoses', 'secondaryDiagnoses', upperCase)}
            placeholder="E11, I10"
            hint="через запятую"
          />
        </div>
      </fieldset>

      <fieldset>
        <legend>Недостающие обследования</legend>
        {errorOf('missingExaminations') && (
          <p className="field__error" role="alert">
            {errorOf('missingExaminations')}
          </p>
        )}
        {values.missingExaminations.map((m, index) => (
          <div className="row" key={index}>
            <TextField label={`Обследование ${index + 1}`} value={m.name} onChange={(name) => examination(index, { name })} />
            <CheckboxField label="названо бюро МСЭ" checked={m.namedByBureau} onChange={(namedByBureau) => examination(index, { namedByBureau })} />
            {values.missingExaminations.length > 1 && (
              <button
                type="button"
                className="button--link"
                onClick={() => set('missingExaminations', 'missingExaminations')(values.missingExaminations.filter((_, i) => i !== index))}
              >
                Убрать
              </button>
            )}
          </div>
        ))}
        <button
          type="button"
          className="button--secondary"
          onClick={() => set('missingExaminations')([...values.missingExaminations, { name: '', namedByBureau: false }])}
        >
          Добавить обследование
        </button>
      </fieldset>

      <TextArea label="Примечание" value={values.remarks} onChange={set('remarks', 'remarks')} error={errorOf('remarks')} />

      <FormFooter messages={serverErrors.general} busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}
