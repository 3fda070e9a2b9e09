import { useState } from 'react';
import { TransitionRefusalCaseDocument, type CaseTransition, type RefusalCaseFieldsFragment } from '../../generated/graphql';
import { TextField } from '../ui/fields';
import { FormMessages } from '../ui/feedback';
import { CASE_TRANSITION } from '../ui/labels';
import { usePayloadMutation } from '../ui/payload-mutation';

/** Opening an expertise starts it; the card offers that form instead of a bare button. */
const OFFERED_AS_BUTTONS: CaseTransition[] = ['SEND_TO_MO_REVIEW', 'CLOSE', 'REOPEN'];

export function CaseTransitions({ refusalCase, onChanged }: { refusalCase: RefusalCaseFieldsFragment; onChanged(): void }) {
  const transition = usePayloadMutation(TransitionRefusalCaseDocument);
  const [reason, setReason] = useState('');
  const offered = refusalCase.allowedTransitions.filter((t) => OFFERED_AS_BUTTONS.includes(t));
  if (!offered.length) return null;

  const run = async (t: CaseTransition) => {
    const { result, errors } = await transition.send({ id: refusalCase.id, version: refusalCase.version, transition: t, reason: reason.trim() || undefined });
    if (result || errors.staleVersion) onChanged();
    if (result) setReason('');
  };

  return (
    <div className="transitions" aria-label="Действия со случаем">
      <FormMessages messages={transition.errors.general} />
      {offered.includes('REOPEN') && <TextField label="Причина повторного открытия" value={reason} onChange={setReason} />}
      <div className="actions">
        {offered.map((t) => (
          <button key={t} type="button" className={t === 'CLOSE' ? undefined : 'button--secondary'} onClick={() => void run(t)}>
            {CASE_TRANSITION[t]}
          </button>
        ))}
      </div>
    </div>
  );
}
