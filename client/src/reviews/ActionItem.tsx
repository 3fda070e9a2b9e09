import { useState } from 'react';
import { UpdateCorrectiveActionDocument, type ActionFieldsFragment, type ActionStatus } from '../../generated/graphql';
import { Attachments } from '../cases/CaseAttachments';
import { TextField } from '../ui/fields';
import { FormMessages } from '../ui/feedback';
import { formatDate, workingDaysLeft } from '../ui/format';
import { ACTION_STATUS, ACTION_TYPE } from '../ui/labels';
import { usePayloadMutation } from '../ui/payload-mutation';

/** One corrective action: its state, and for the MO the moves it can make (done needs evidence). */
export function ActionItem({ action: a, onChanged }: { action: ActionFieldsFragment; onChanged(): void }) {
  const [evidence, setEvidence] = useState('');
  const [cancelReason, setCancelReason] = useState('');
  const update = usePayloadMutation(UpdateCorrectiveActionDocument);

  const move = async (status: ActionStatus) => {
    const { result, errors } = await update.send({
      input: {
        id: a.id,
        version: a.version,
        status,
        evidence: status === 'DONE' ? evidence : undefined,
        cancelReason: status === 'CANCELLED' ? cancelReason : undefined,
      },
    });
    if (result || errors.staleVersion) onChanged();
  };

  return (
    <li className={`action${a.overdue ? ' action--overdue' : ''}`} aria-label={`Мероприятие: ${a.description}`}>
      <div>
        <strong>{a.description}</strong> <span className="badge">{ACTION_STATUS[a.status]}</span>
        {a.overdue && <span className="badge badge--danger">просрочено</span>}
      </div>
      <div className="muted">
        {ACTION_TYPE[a.type]}; ответственный {a.ownerName}, {a.ownerPosition}; срок {formatDate(a.dueDate)}
        {a.workingDaysLeft !== null && a.workingDaysLeft !== undefined && ` (${workingDaysLeft(a.workingDaysLeft)})`}
        {a.completedOn && `; выполнено ${formatDate(a.completedOn)}`}
        {a.evidence && `; подтверждение: ${a.evidence}`}
        {a.cancelReason && `; отменено: ${a.cancelReason}`}
      </div>
      <FormMessages messages={update.errors.staleVersion ? ['Мероприятие уже изменил другой пользователь — показано его состояние.'] : update.errors.general} />
      {a.editable && (
        <div className="row row--wrap">
          {a.status === 'PLANNED' && (
            <button type="button" className="button--secondary" onClick={() => void move('IN_PROGRESS')}>
              Начать выполнение
            </button>
          )}
          <TextField label="Подтверждение выполнения" value={evidence} onChange={setEvidence} placeholder="приказ, протокол, обучение…" />
          <button type="button" onClick={() => void move('DONE')}>
            Отметить выполненным
          </button>
          <TextField label="Причина отмены" value={cancelReason} onChange={setCancelReason} />
          <button type="button" className="button--secondary" onClick={() => void move('CANCELLED')}>
            Отменить
          </button>
        </div>
      )}
      <Attachments owner="ACTION" ownerId={a.id} attachments={a.attachments} canUpload={a.mayAttachFiles} onUploaded={onChanged} />
    </li>
  );
}
