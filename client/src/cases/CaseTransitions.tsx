import { useState } from 'react';
import { TransitionRefusalCaseDocument, type CaseTransition, type RefusalCaseFieldsFragment } from '../../generated/graphql';
import { TextField } from '../ui/fields';
import { FormMessages } from '../ui/feedback';
import { CASE_TRANSITION } from '../ui/labels';
import { usePayloadMutation } from '../ui/payload-mutation';

/** Opening an expertise starts it; the card offers that form instead of a bare button. */
const OFFERED_AS_BUTTONS: CaseTransition[] = ['SEND_TO_MO_REVIEW', 'CLOSE', 'REOPEN'];

type CaseWithMoves = RefusalCaseFieldsFragment & { closingBlockers: readonly string[] };

/**
 * The moves a case can make now, the first of them primary; closing is offered only when nothing
 * stands in its way, and otherwise the card says what does.
 */
export function CaseTransitions({ refusalCase, onChanged }: { refusalCase: CaseWithMoves; onChanged(): void }) {
  const transition = usePayloadMutation(TransitionRefusalCaseDocument);
  const [reason, setReason] = useState('');
  const closingBlocked = refusalCase.closingBlockers.length > 0;
  const offered = OFFERED_AS_BUTTONS.filter((t) => refusalCase.allowedTransitions.includes(t) && !(t === 'CLOSE' && closingBlocked));
  if (!offered.length && !closingBlocked) return null;

  const run = async (t: CaseTransition) => {
    const { result, errors } = await transition.send({ id: refusalCase.id, version: refusalCase.version, transition: t, reason: reason.trim() || undefined });
    if (result || errors.staleVersion) onChanged();
    if (result) setReason('');
  };

  return (
    <div className="transitions" aria-label="Действия со случаем">
      <FormMessages messages={transition.errors.general} />
      {offered.includes('REOPEN') && <TextField label="Причина повторного открытия" value={reason} onChange={setReason} />}
      {offered.length > 0 && (
        <div className="actions">
          {offered.map((t, i) => (
            <button key={t} type="button" className={i === 0 ? undefined : 'button--secondary'} onClick={() => void run(t)}>
              {CASE_TRANSITION[t]}
            </button>
          ))}
        </div>
      )}
      {closingBlocked && (
        <div className="closing-blockers" role="note">
          <p>Закрыть случай пока нельзя:</p>
          <ul>
            {refusalCase.closingBlockers.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
