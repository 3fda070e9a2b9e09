import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import {
  CaseExpertisesDocument,
  RecordCommissionReviewDocument,
  RootCausesDocument,
  type ActionType,
  type MemberRole,
  type ReviewFieldsFragment,
} from '../../generated/graphql';
import { SelectField, TextArea, TextField } from '../ui/fields';
import { FormFooter, FormMessages } from '../ui/feedback';
import { todayIso } from '../ui/format';
import { ACTION_TYPE, MEMBER_ROLE, options } from '../ui/labels';
import { usePayloadMutation } from '../ui/payload-mutation';
import { DateField } from '../ui/DateField';

interface Member {
  name: string;
  position: string;
  role: MemberRole;
}
interface Cause {
  rootCauseId: string;
  comment: string;
}
interface NewAction {
  description: string;
  type: ActionType;
  ownerName: string;
  ownerPosition: string;
  dueDate: string;
}

interface Opinion {
  agrees: '' | 'yes' | 'no';
  comment: string;
}

const FIELDS = ['protocolNumber', 'protocolDate', 'members', 'causes', 'conclusion', 'findingOpinions', 'actions'] as const;
const OPINIONS = [
  { value: 'yes' as const, label: 'согласна' },
  { value: 'no' as const, label: 'не согласна' },
];
const blankAction = (): NewAction => ({ description: '', type: 'CORRECTIVE', ownerName: '', ownerPosition: '', dueDate: '' });

function useList<T>(initial: T[]) {
  const [items, setItems] = useState(initial);
  return {
    items,
    add: (item: T) => setItems((list) => [...list, item]),
    patch: (index: number, change: Partial<T>) => setItems((list) => list.map((x, i) => (i === index ? { ...x, ...change } : x))),
    remove: (index: number) => setItems((list) => list.filter((_, i) => i !== index)),
    reset: (next: T[]) => setItems(next),
  };
}

/** The MO commission records its review of the case: who sat, the causes, the conclusion, new actions. */
export function ReviewForm({
  caseId,
  review,
  onSaved,
  onCancel,
}: {
  caseId: string;
  review: ReviewFieldsFragment | null;
  onSaved(stale: boolean): void;
  onCancel?(): void;
}) {
  const [protocolNumber, setProtocolNumber] = useState(review?.protocolNumber ?? '');
  const [protocolDate, setProtocolDate] = useState(review?.protocolDate ?? todayIso());
  const [conclusion, setConclusion] = useState(review?.conclusion ?? '');
  const members = useList<Member>(
    review?.members.map((m) => ({ name: m.name, position: m.position, role: m.role })) ?? [{ name: '', position: '', role: 'CHAIR' }],
  );
  const causes = useList<Cause>(review?.causes.map((c) => ({ rootCauseId: c.rootCauseId, comment: c.comment ?? '' })) ?? [{ rootCauseId: '', comment: '' }]);
  const actions = useList<NewAction>(review ? [] : [blankAction()]);
  const [opinions, setOpinions] = useState<Record<string, Opinion>>(() =>
    Object.fromEntries((review?.findingOpinions ?? []).map((o) => [o.findingId, { agrees: o.agrees ? 'yes' : 'no', comment: o.comment ?? '' }])),
  );
  const [{ data: caseExpertises }] = useQuery({ query: CaseExpertisesDocument, variables: { id: caseId } });
  const findings = (caseExpertises?.refusalCase?.expertises ?? []).flatMap((e) => e.findings.map((f) => ({ ...f, expertiseNumber: e.number })));
  const opinionOf = (findingId: string): Opinion => opinions[findingId] ?? { agrees: '', comment: '' };
  const setOpinion = (findingId: string, change: Partial<Opinion>) => setOpinions((all) => ({ ...all, [findingId]: { ...opinionOf(findingId), ...change } }));
  const [{ data: rootCauses }] = useQuery({ query: RootCausesDocument, requestPolicy: 'cache-first' });
  const record = usePayloadMutation(RecordCommissionReviewDocument, FIELDS);
  const { errors } = record;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { result, errors: problems } = await record.send({
      input: {
        caseId,
        version: review?.version,
        protocolNumber,
        protocolDate,
        conclusion,
        members: members.items.filter((m) => m.name.trim() || m.position.trim()),
        causes: causes.items.filter((c) => c.rootCauseId).map((c) => ({ rootCauseId: c.rootCauseId, comment: c.comment.trim() || undefined })),
        findingOpinions: Object.entries(opinions)
          .filter(([, o]) => o.agrees)
          .map(([findingId, o]) => ({ findingId, agrees: o.agrees === 'yes', comment: o.comment.trim() || undefined })),
        actions: actions.items.filter((a) => a.description.trim()),
      },
    });
    if (result) {
      actions.reset([]);
      onSaved(false);
    } else if (problems.staleVersion) onSaved(true);
  };

  const causeOptions = (rootCauses?.rootCauses ?? []).map((c) => ({ value: c.id, label: c.name }));

  return (
    <form className="subform" onSubmit={submit} noValidate aria-label="Комиссионный разбор">
      <FormMessages messages={errors.general} />
      <div className="grid">
        <TextField label="Номер протокола" value={protocolNumber} onChange={setProtocolNumber} error={errors.byField.protocolNumber} />
        <DateField label="Дата протокола" value={protocolDate} onChange={setProtocolDate} error={errors.byField.protocolDate} />
      </div>

      <fieldset>
        <legend>Состав комиссии</legend>
        {errors.byField.members && (
          <p className="field__error" role="alert">
            {errors.byField.members}
          </p>
        )}
        {members.items.map((m, i) => (
          <div className="row" key={i}>
            <TextField label={`Член комиссии ${i + 1}: ФИО`} value={m.name} onChange={(name) => members.patch(i, { name })} />
            <TextField label="Должность" value={m.position} onChange={(position) => members.patch(i, { position })} />
            <SelectField label="Роль" value={m.role} options={options(MEMBER_ROLE)} onChange={(role) => members.patch(i, { role: role as MemberRole })} />
            {members.items.length > 1 && (
              <button type="button" className="button--link" onClick={() => members.remove(i)}>
                Убрать
              </button>
            )}
          </div>
        ))}
        <button type="button" className="button--secondary" onClick={() => members.add({ name: '', position: '', role: 'MEMBER' })}>
          Добавить члена комиссии
        </button>
      </fieldset>

      <fieldset>
        <legend>Причины</legend>
        {errors.byField.causes && (
          <p className="field__error" role="alert">
            {errors.byField.causes}
          </p>
        )}
        {causes.items.map((c, i) => (
          <div className="row" key={i}>
            <SelectField
              label={`Причина ${i + 1}`}
              value={c.rootCauseId}
              options={causeOptions}
              placeholder="выберите"
              onChange={(rootCauseId) => causes.patch(i, { rootCauseId })}
            />
            <TextField label="Пояснение" value={c.comment} onChange={(comment) => causes.patch(i, { comment })} />
            {causes.items.length > 1 && (
              <button type="button" className="button--link" onClick={() => causes.remove(i)}>
                Убрать
              </button>
            )}
          </div>
        ))}
        <button type="button" className="button--secondary" onClick={() => causes.add({ rootCauseId: '', comment: '' })}>
          Добавить причину
        </button>
      </fieldset>

      <TextArea label="Заключение комиссии" value={conclusion} onChange={setConclusion} error={errors.byField.conclusion} />

      {findings.length > 0 && (
        <fieldset>
          <legend>Мнение комиссии по замечаниям СМО</legend>
          {errors.byField.findingOpinions && (
            <p className="field__error" role="alert">
              {errors.byField.findingOpinions}
            </p>
          )}
          {findings.map((f) => (
            <div className="row" key={f.id}>
              <SelectField
                label={`${f.expertiseNumber}, код ${f.defectCode.code}`}
                value={opinionOf(f.id).agrees}
                options={OPINIONS}
                placeholder="выберите"
                onChange={(agrees) => setOpinion(f.id, { agrees })}
                hint={f.description}
              />
              <TextField label="Комментарий" value={opinionOf(f.id).comment} onChange={(comment) => setOpinion(f.id, { comment })} />
            </div>
          ))}
        </fieldset>
      )}

      <fieldset>
        <legend>Новые мероприятия</legend>
        {errors.byField.actions && (
          <p className="field__error" role="alert">
            {errors.byField.actions}
          </p>
        )}
        {actions.items.map((a, i) => (
          <div className="row row--wrap" key={i}>
            <TextArea label={`Мероприятие ${i + 1}`} maxLength={2000} value={a.description} onChange={(description) => actions.patch(i, { description })} />
            <SelectField label="Тип" value={a.type} options={options(ACTION_TYPE)} onChange={(type) => actions.patch(i, { type: type as ActionType })} />
            <TextField label="Ответственный: ФИО" value={a.ownerName} onChange={(ownerName) => actions.patch(i, { ownerName })} />
            <TextField label="Должность" value={a.ownerPosition} onChange={(ownerPosition) => actions.patch(i, { ownerPosition })} />
            <DateField label="Срок" value={a.dueDate} onChange={(dueDate) => actions.patch(i, { dueDate })} />
            <button type="button" className="button--link" onClick={() => actions.remove(i)}>
              Убрать
            </button>
          </div>
        ))}
        <button type="button" className="button--secondary" onClick={() => actions.add(blankAction())}>
          Добавить мероприятие
        </button>
      </fieldset>

      <FormFooter messages={errors.general} busy={record.busy} submitLabel="Записать разбор" onCancel={onCancel} />
    </form>
  );
}
