import { useState, type FormEvent } from 'react';
import { RegisterAppealDocument, SettleAppealDocument, type AppealOutcome, type ExpertiseFieldsFragment, type ExpertiseType } from '../../generated/graphql';
import { CheckboxField, SelectField, TextArea, TextField } from '../ui/fields';
import { FormMessages } from '../ui/feedback';
import { todayIso } from '../ui/format';
import { APPEAL_OUTCOME, EXPERTISE_TYPE, options } from '../ui/labels';
import { usePayloadMutation } from '../ui/payload-mutation';
import { DateField } from '../ui/DateField';

/** The MO appeals a signed conclusion to the fund. */
export function RegisterAppealForm({ expertiseId, onDone }: { expertiseId: string; onDone(): void }) {
  const [filedOn, setFiledOn] = useState(todayIso());
  const [grounds, setGrounds] = useState('');
  const register = usePayloadMutation(RegisterAppealDocument, ['filedOn', 'grounds']);
  const { errors } = register;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if ((await register.send({ input: { expertiseId, filedOn, grounds } })).result) onDone();
  };
  return (
    <form className="subform" onSubmit={submit} noValidate aria-label="Обжалование заключения">
      <h4>Обжаловать заключение в ТФОМС</h4>
      <FormMessages messages={errors.general} />
      <DateField label="Дата подачи" value={filedOn} onChange={setFiledOn} error={errors.byField.filedOn} />
      <TextArea label="Основания" value={grounds} onChange={setGrounds} error={errors.byField.grounds} />
      <button type="submit" disabled={register.busy}>
        Подать обжалование
      </button>
    </form>
  );
}

type FindingChoice = Pick<ExpertiseFieldsFragment['findings'][number], 'id' | 'description'> & { defectCode: { code: string } };

/** The fund's monitoring department records its decision on an appeal; a partial one names the findings that stand. */
export function SettleAppealForm({
  expertiseId,
  expertiseType,
  findings,
  onDone,
}: {
  expertiseId: string;
  expertiseType: ExpertiseType;
  findings: FindingChoice[];
  onDone(): void;
}) {
  const [outcome, setOutcome] = useState<AppealOutcome | ''>('');
  const [decidedOn, setDecidedOn] = useState(todayIso());
  const [comment, setComment] = useState('');
  const [standing, setStanding] = useState<string[]>([]);
  const [repeatType, setRepeatType] = useState<ExpertiseType | ''>(expertiseType);
  const [repeatHeldOn, setRepeatHeldOn] = useState('');
  const [repeatExpert, setRepeatExpert] = useState('');
  const settle = usePayloadMutation(SettleAppealDocument, [
    'outcome',
    'decidedOn',
    'comment',
    'standingFindingIds',
    'repeatExpertise',
    'repeatExpertise.type',
    'repeatExpertise.heldOn',
    'repeatExpertise.expert',
  ]);
  const { errors } = settle;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const standingFindingIds = outcome === 'PARTLY' ? standing : undefined;
    const repeatExpertise = { type: repeatType as ExpertiseType, heldOn: repeatHeldOn, expert: repeatExpert };
    const input = { expertiseId, outcome: outcome as AppealOutcome, decidedOn, comment: comment.trim() || undefined, standingFindingIds, repeatExpertise };
    if ((await settle.send({ input })).result) onDone();
  };
  return (
    <form className="subform" onSubmit={submit} noValidate aria-label="Решение по обжалованию">
      <h4>Решение по обжалованию</h4>
      <FormMessages messages={errors.general} />
      <SelectField
        label="Решение"
        value={outcome}
        options={options(APPEAL_OUTCOME)}
        placeholder="выберите"
        onChange={setOutcome}
        error={errors.byField.outcome}
      />
      {outcome === 'PARTLY' && (
        <fieldset aria-describedby={errors.byField.standingFindingIds ? 'standing-error' : undefined}>
          <legend>Замечания, которые остаются в силе</legend>
          {findings.map((f) => (
            <CheckboxField
              key={f.id}
              label={`${f.defectCode.code} — ${f.description}`}
              checked={standing.includes(f.id)}
              onChange={(keep) => setStanding((s) => (keep ? [...s, f.id] : s.filter((id) => id !== f.id)))}
            />
          ))}
          {errors.byField.standingFindingIds && (
            <p className="field__error" id="standing-error" role="alert">
              {errors.byField.standingFindingIds}
            </p>
          )}
        </fieldset>
      )}
      <fieldset className="grid">
        <legend>Повторная экспертиза, на которой основано решение</legend>
        <SelectField
          label="Вид повторной экспертизы"
          value={repeatType}
          options={options(EXPERTISE_TYPE)}
          onChange={setRepeatType}
          error={errors.byField['repeatExpertise.type'] ?? errors.byField.repeatExpertise}
        />
        <DateField label="Дата повторной экспертизы" value={repeatHeldOn} onChange={setRepeatHeldOn} error={errors.byField['repeatExpertise.heldOn']} />
        <TextField
          label="Эксперт повторной экспертизы"
          value={repeatExpert}
          onChange={setRepeatExpert}
          error={errors.byField['repeatExpertise.expert']}
          hint="ФИО, специальность, номер в реестре экспертов"
        />
      </fieldset>
      <DateField label="Дата решения" value={decidedOn} onChange={setDecidedOn} error={errors.byField.decidedOn} />
      <TextArea label="Комментарий" value={comment} onChange={setComment} error={errors.byField.comment} />
      <button type="submit" disabled={settle.busy}>
        Записать решение
      </button>
    </form>
  );
}
