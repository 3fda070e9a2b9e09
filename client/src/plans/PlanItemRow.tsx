import { useState } from 'react';
import { ConfirmPlanItemDocument, UpdatePlanItemDocument, type PlanItemFieldsFragment, type PlanItemStatus } from '../../generated/graphql';
import type { Viewer } from '../app/session';
import { SelectField, TextField } from '../ui/fields';
import { FormMessages } from '../ui/feedback';
import { formatDate, formatDateTime } from '../ui/format';
import { PlanItemForm } from './PlanItemForm';
import { PLAN_ITEM_STATUS, options } from '../ui/labels';
import { usePayloadMutation } from '../ui/payload-mutation';

/**
 * One measure of the plan. The SMO moves it on and records the outcome; each targeted MO agrees
 * or comments; everyone sees who confirmed what.
 */
export function PlanItemRow({ planId, item, viewer, onChanged }: { planId: string; item: PlanItemFieldsFragment; viewer: Viewer; onChanged(): void }) {
  const [editingTerms, setEditingTerms] = useState(false);
  const [status, setStatus] = useState<PlanItemStatus | ''>(item.status);
  const [outcome, setOutcome] = useState(item.outcome ?? '');
  const [comment, setComment] = useState('');
  const update = usePayloadMutation(UpdatePlanItemDocument);
  const confirm = usePayloadMutation(ConfirmPlanItemDocument);
  const ownConfirmation = item.confirmations.find((c) => c.mo.id === viewer.organisation?.id);

  const save = async () => {
    const { result, errors } = await update.send({
      input: { id: item.id, version: item.version, status: status || undefined, outcome: outcome.trim() || undefined },
    });
    if (result || errors.staleVersion) onChanged();
  };
  const answer = async (agreed: boolean) => {
    if ((await confirm.send({ itemId: item.id, agreed, comment: comment.trim() || undefined })).result) {
      setComment('');
      onChanged();
    }
  };

  return (
    <li className="plan-item" aria-label={`Пункт плана: ${item.measure}`}>
      <div>
        <strong>{item.measure}</strong> <span className="badge">{PLAN_ITEM_STATUS[item.status]}</span>
      </div>
      <div className="muted">
        {item.targets.length ? item.targets.map((t) => t.shortName).join(', ') : 'всем МО'}; отвечает {item.responsibleOrganisation}, {item.responsiblePerson};
        срок {formatDate(item.dueDate)}
        {item.defectCodes.length > 0 && `; коды ${item.defectCodes.join(', ')}`}
        {item.outcome && `; итог: ${item.outcome}`}
      </div>
      <ul className="confirmations">
        {item.confirmations.map((c) => (
          <li key={c.id}>
            {c.mo.shortName}: {c.agreed ? 'согласовано' : 'замечания'}
            {c.comment && ` — ${c.comment}`}
          </li>
        ))}
        {item.confirmations.length === 0 && <li className="muted">МО ещё не согласовали.</li>}
      </ul>
      <FormMessages
        messages={[
          ...(update.errors.staleVersion ? ['Пункт уже изменил другой пользователь — показано его состояние.'] : update.errors.general),
          ...confirm.errors.general,
        ]}
      />
      {item.editable && item.status !== 'DONE' && !editingTerms && (
        <button type="button" className="button--link" onClick={() => setEditingTerms(true)}>
          Изменить условия пункта
        </button>
      )}
      {editingTerms && (
        <PlanItemForm
          planId={planId}
          item={item}
          onDone={() => {
            setEditingTerms(false);
            onChanged();
          }}
          onCancel={() => setEditingTerms(false)}
        />
      )}
      {item.editable && (
        <div className="row row--wrap">
          <SelectField label="Состояние" value={status} options={options(PLAN_ITEM_STATUS)} onChange={setStatus} />
          <TextField label="Итог выполнения" value={outcome} onChange={setOutcome} />
          <button type="button" className="button--secondary" onClick={() => void save()}>
            Сохранить
          </button>
        </div>
      )}
      {item.mayConfirm && (
        <div className="row row--wrap">
          <TextField
            label="Комментарий МО"
            value={comment}
            onChange={setComment}
            hint={ownConfirmation ? 'ваша МО уже ответила; новый ответ заменит прежний' : undefined}
          />
          <button type="button" onClick={() => void answer(true)}>
            Согласовать
          </button>
          <button type="button" className="button--secondary" onClick={() => void answer(false)}>
            Есть замечания
          </button>
        </div>
      )}
      <details className="plan-item__history">
        <summary>История пункта</summary>
        <ul>
          {item.history.map((h) => (
            <li key={h.id}>
              {formatDateTime(h.occurredAt)} · {h.actor?.fullName ?? 'система'}: {h.summary}
              {h.changes.length > 0 && (
                <ul>
                  {h.changes.map((c) => (
                    <li key={c.field}>
                      {c.label}: {c.from ?? '—'} → {c.to ?? '—'}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      </details>
    </li>
  );
}
