import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import {
  CaseReferralDocument,
  RecordReferralDocument,
  type BureauAnswerKind,
  type ExaminationKind,
  type ExaminationOutcome,
  type ReferralFieldsFragment,
  type ReferralPurpose,
} from '../../generated/graphql';
import { SelectField, TextField } from '../ui/fields';
import { FormMessages } from '../ui/feedback';
import { formatDate } from '../ui/format';
import { BUREAU_ANSWER_KIND, EXAMINATION_KIND, EXAMINATION_OUTCOME, REFERRAL_PURPOSE, options } from '../ui/labels';
import { usePayloadMutation } from '../ui/payload-mutation';
import { DateField } from '../ui/DateField';

interface AnswerValues {
  kind: BureauAnswerKind | '';
  answeredOn: string;
  reason: string;
  resubmittedOn: string;
}

interface StoryValues {
  vkProtocolNumber: string;
  vkProtocolDate: string;
  purpose: ReferralPurpose | '';
  examinationKind: ExaminationKind | '';
  sentOn: string;
  answers: AnswerValues[];
  examinedOn: string;
  outcome: ExaminationOutcome | '';
}

const FIELDS = ['vkProtocolNumber', 'vkProtocolDate', 'purpose', 'examinationKind', 'sentOn', 'answers', 'examinedOn', 'outcome'] as const;

function valuesOf(r: ReferralFieldsFragment | null | undefined, referralDate: string): StoryValues {
  return {
    vkProtocolNumber: r?.vkProtocolNumber ?? '',
    vkProtocolDate: r?.vkProtocolDate ?? '',
    purpose: r?.purpose ?? '',
    examinationKind: r?.examinationKind ?? '',
    sentOn: r?.sentOn ?? referralDate,
    answers: (r?.answers ?? []).map((a) => ({ kind: a.kind, answeredOn: a.answeredOn, reason: a.reason, resubmittedOn: a.resubmittedOn ?? '' })),
    examinedOn: r?.examinedOn ?? '',
    outcome: r?.outcome ?? '',
  };
}

/** What must be filled before the story can be sent (the server checks the rest, in Russian, at each field). */
function missingFields(v: StoryValues): Record<string, string> {
  const missing: Record<string, string> = {};
  if (!v.vkProtocolNumber.trim()) missing.vkProtocolNumber = 'Номер протокола ВК: заполните';
  if (!v.vkProtocolDate) missing.vkProtocolDate = 'Дата протокола ВК: заполните (ДД.ММ.ГГГГ)';
  if (!v.purpose) missing.purpose = 'Цель направления: выберите из списка';
  if (!v.examinationKind) missing.examinationKind = 'Освидетельствование: первичное или повторное';
  if (!v.sentOn) missing.sentOn = 'Дата направления в бюро: заполните';
  const answer = v.answers.findIndex((a) => !a.kind || !a.answeredOn || !a.reason.trim());
  if (answer >= 0) missing.answers = `Ответ ${answer + 1}: укажите вид, дату и причину`;
  return missing;
}

/** The referral (form 088/у) behind the refusal: what the ВК decided, the bureau's answers, the outcome, the days lost. */
export function ReferralStory({ caseId, referralDate }: { caseId: string; referralDate: string }) {
  const [{ data }, refetch] = useQuery({ query: CaseReferralDocument, variables: { id: caseId }, requestPolicy: 'cache-and-network' });
  const [editing, setEditing] = useState<StoryValues | null>(null);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const save = usePayloadMutation(RecordReferralDocument, FIELDS);
  const c = data?.refusalCase;
  if (!c) return null;
  const r = c.referral;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    const problems = missingFields(editing);
    setMissing(problems);
    if (Object.keys(problems).length > 0 || !editing.purpose || !editing.examinationKind) return;
    const { result } = await save.send({
      input: {
        caseId,
        version: r?.version ?? null,
        vkProtocolNumber: editing.vkProtocolNumber,
        vkProtocolDate: editing.vkProtocolDate,
        purpose: editing.purpose,
        examinationKind: editing.examinationKind,
        sentOn: editing.sentOn,
        answers: editing.answers.map((a) => ({
          kind: a.kind as BureauAnswerKind,
          answeredOn: a.answeredOn,
          reason: a.reason,
          resubmittedOn: a.resubmittedOn || null,
        })),
        examinedOn: editing.examinedOn || null,
        outcome: editing.outcome || null,
      },
    });
    if (result) {
      setEditing(null);
      refetch({ requestPolicy: 'network-only' });
    }
  };
  const set = (patch: Partial<StoryValues>) => setEditing((v) => (v ? { ...v, ...patch } : v));
  const setAnswer = (index: number, patch: Partial<AnswerValues>) => set({ answers: editing!.answers.map((a, i) => (i === index ? { ...a, ...patch } : a)) });

  const errorAt = (field: string) => missing[field] ?? save.errors.byField[field];

  if (editing) {
    return (
      <form className="subform" onSubmit={submit} noValidate aria-label="Сведения о направлении на МСЭ">
        <FormMessages messages={save.errors.general} />
        <div className="grid">
          <TextField
            label="Номер протокола ВК"
            value={editing.vkProtocolNumber}
            onChange={(v) => set({ vkProtocolNumber: v })}
            error={errorAt('vkProtocolNumber')}
          />
          <DateField label="Дата протокола ВК" value={editing.vkProtocolDate} onChange={(v) => set({ vkProtocolDate: v })} error={errorAt('vkProtocolDate')} />
          <SelectField
            label="Цель направления"
            value={editing.purpose}
            options={options(REFERRAL_PURPOSE)}
            placeholder="— выберите —"
            onChange={(v) => set({ purpose: v })}
            error={errorAt('purpose')}
          />
          <SelectField
            label="Освидетельствование"
            value={editing.examinationKind}
            options={options(EXAMINATION_KIND)}
            placeholder="— выберите —"
            onChange={(v) => set({ examinationKind: v })}
            error={errorAt('examinationKind')}
          />
          <DateField label="Направлено в бюро" value={editing.sentOn} onChange={(v) => set({ sentOn: v })} error={errorAt('sentOn')} />
        </div>
        <fieldset>
          <legend>Ответы бюро</legend>
          {errorAt('answers') && (
            <p className="field__error" role="alert">
              {errorAt('answers')}
            </p>
          )}
          {editing.answers.map((a, i) => (
            <div className="grid" key={i}>
              <SelectField
                label={`Ответ ${i + 1}`}
                value={a.kind}
                options={options(BUREAU_ANSWER_KIND)}
                placeholder="— выберите —"
                onChange={(v) => setAnswer(i, { kind: v })}
              />
              <DateField label="Дата ответа" value={a.answeredOn} onChange={(v) => setAnswer(i, { answeredOn: v })} />
              <TextField label="Причина" value={a.reason} onChange={(v) => setAnswer(i, { reason: v })} />
              <DateField
                label="Направлено снова"
                value={a.resubmittedOn}
                onChange={(v) => setAnswer(i, { resubmittedOn: v })}
                hint="пусто — ещё не направлено"
              />
              <button type="button" className="button--link" onClick={() => set({ answers: editing.answers.filter((_, j) => j !== i) })}>
                Убрать ответ
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button--secondary"
            onClick={() => set({ answers: [...editing.answers, { kind: '', answeredOn: '', reason: '', resubmittedOn: '' }] })}
          >
            Добавить ответ бюро
          </button>
        </fieldset>
        <div className="grid">
          <DateField
            label="Дата освидетельствования"
            value={editing.examinedOn}
            onChange={(v) => set({ examinedOn: v })}
            error={errorAt('examinedOn')}
            hint="когда бюро приняло направление"
          />
          <SelectField
            label="Итог"
            value={editing.outcome}
            options={options(EXAMINATION_OUTCOME)}
            placeholder="— ещё нет —"
            onChange={(v) => set({ outcome: v })}
            error={errorAt('outcome')}
          />
        </div>
        <div className="form-footer">
          <button type="submit" disabled={save.busy}>
            Сохранить
          </button>
          <button type="button" className="button--secondary" onClick={() => setEditing(null)}>
            Отмена
          </button>
        </div>
      </form>
    );
  }

  return (
    <div>
      {!r ? (
        <p className="muted">Сведения о направлении (форма 088/у) не записаны.</p>
      ) : (
        <dl className="details">
          <dt>Протокол ВК</dt>
          <dd>
            № {r.vkProtocolNumber} от {formatDate(r.vkProtocolDate)}
          </dd>
          <dt>Цель</dt>
          <dd>
            {REFERRAL_PURPOSE[r.purpose]}; {EXAMINATION_KIND[r.examinationKind].toLowerCase()} освидетельствование
          </dd>
          <dt>Направлено в бюро</dt>
          <dd>{formatDate(r.sentOn)}</dd>
          {r.answers.map((a, i) => (
            <div key={i}>
              <dt>{BUREAU_ANSWER_KIND[a.kind]}</dt>
              <dd>
                {formatDate(a.answeredOn)}: {a.reason}
                {a.resubmittedOn ? `; направлено снова ${formatDate(a.resubmittedOn)}` : '; снова ещё не направлено'}
              </dd>
            </div>
          ))}
          <dt>Итог</dt>
          <dd>{r.outcome ? `${EXAMINATION_OUTCOME[r.outcome]} (освидетельствован(а) ${formatDate(r.examinedOn)})` : 'освидетельствования ещё не было'}</dd>
          {r.daysLost !== null && (
            <>
              <dt>Потеряно дней</dt>
              <dd>
                {r.daysLost} календарных{r.workingDaysLost !== null ? `, ${r.workingDaysLost} рабочих` : ''} — от первого направления до принятого бюро{' '}
                {formatDate(r.acceptedReferralOn)}
              </dd>
            </>
          )}
        </dl>
      )}
      {c.mayRecordReferral && (
        <button type="button" className="button--secondary" onClick={() => setEditing(valuesOf(r, referralDate))}>
          {r ? 'Изменить сведения о направлении' : 'Записать сведения о направлении'}
        </button>
      )}
    </div>
  );
}
