import { useState, type FormEvent } from 'react';
import { isValidEnp } from '../../../server/shared/identifiers';
import { organisationOptions, useOrganisations } from '../app/organisations';
import { CheckboxField, SelectField, TextArea, TextField } from '../ui/fields';
import { FormFooter, FormMessages } from '../ui/feedback';
import { SEX, options } from '../ui/labels';
import { NO_ERRORS, type FormErrors } from '../ui/user-errors';
import { descriptionOf, instantCaseChecks, type CaseFormField, type CaseFormValues } from './case-form-model';
import { CASE_FIELDS } from '../../../server/shared/case-fields';
import { useDiagnosisHint } from './diagnosis-name';
import { ExaminationPicker } from './ExaminationPicker';
import { DateField } from '../ui/DateField';

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
  /** A field's label and limits, from its one description. */
  const described = (field: CaseFormField) => {
    const { label, formLabel, required } = descriptionOf(field);
    return { label: formLabel ?? label, required };
  };
  /** A field's label, value, change, leave and error, wired to one form field. */
  const bindValue = (key: TextKey, field: CaseFormField, normalise = (v: string) => v) => ({
    ...described(field),
    value: values[key],
    onChange: (v: string) => set(key, field)(normalise(v)),
    onBlur: blur(field),
    error: errorOf(field),
  });
  /** A text field, with its length limit too. */
  const bind = (key: TextKey, field: CaseFormField, normalise?: (v: string) => string) => ({
    ...bindValue(key, field, normalise),
    maxLength: descriptionOf(field).maxLength,
  });
  const diagnosisHint = useDiagnosisHint(values.mainDiagnosis);
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
          <TextField {...bind('enp', 'person.enp')} inputMode="numeric" hint="16 цифр, последняя — контрольная" />
          <TextField {...bind('snils', 'person.snils')} placeholder="112-233-445 95" hint="необязательно" />
          <TextField {...bind('surname', 'person.surname')} />
          <TextField {...bind('name', 'person.name')} />
          <TextField {...bind('patronymic', 'person.patronymic')} />
          <DateField {...bindValue('birthDate', 'person.birthDate')} />
          <SelectField
            {...described('person.sex')}
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
            {...described('moId')}
            value={values.moId}
            options={organisationOptions(mos)}
            placeholder="выберите"
            onChange={set('moId', 'moId')}
            error={errorOf('moId')}
          />
          <SelectField
            {...described('bureauId')}
            value={values.bureauId}
            options={organisationOptions(bureaus)}
            placeholder="выберите"
            onChange={set('bureauId', 'bureauId')}
            error={errorOf('bureauId')}
          />
          <TextField {...bind('referralNumber', 'referralNumber')} />
          <DateField {...bindValue('referralDate', 'referralDate')} />
          <TextField {...bind('refusalDocumentNumber', 'refusalDocumentNumber')} />
          <DateField {...bindValue('refusalDate', 'refusalDate')} />
          <TextField {...bind('mainDiagnosis', 'mainDiagnosis', upperCase)} placeholder="I63.5" hint={diagnosisHint} />
          <TextField {...bind('secondaryDiagnoses', 'secondaryDiagnoses', upperCase)} placeholder="E11, I10" hint="через запятую" />
        </div>
      </fieldset>

      <fieldset>
        <legend>{CASE_FIELDS.missingExaminations.label}</legend>
        {errorOf('missingExaminations') && (
          <p className="field__error" role="alert">
            {errorOf('missingExaminations')}
          </p>
        )}
        {values.missingExaminations.map((m, index) => (
          <div className="row" key={index}>
            <ExaminationPicker label={`Обследование ${index + 1}`} value={m} onChange={(value) => examination(index, value)} />
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
          onClick={() => set('missingExaminations')([...values.missingExaminations, { nmuCode: null, name: '', namedByBureau: false }])}
        >
          Добавить обследование
        </button>
      </fieldset>

      <TextArea
        {...described('remarks')}
        maxLength={CASE_FIELDS.remarks.maxLength}
        value={values.remarks}
        onChange={set('remarks', 'remarks')}
        error={errorOf('remarks')}
      />

      <FormFooter messages={serverErrors.general} busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}
