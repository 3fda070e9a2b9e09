import { useState } from 'react';
import { useMutation } from 'urql';
import { TransitionRefusalCaseDocument, type CaseTransition, type RefusalCaseFieldsFragment } from '../../generated/graphql';
import { TextField } from '../ui/fields';
import { FormMessages } from '../ui/feedback';
import { CASE_TRANSITION } from '../ui/labels';
import { toFormErrors } from '../ui/user-errors';

/** Opening an expertise starts it; the card offers that form instead of a bare button. */
const OFFERED_AS_BUTTONS: CaseTransition[] = ['SEND_TO_MO_REVIEW', 'CLOSE', 'REOPEN'];

export function CaseTransitions({ refusalCase, onChanged }: { refusalCase: RefusalCaseFieldsFragment; onChanged(): void }) {
  const [, transition] = useMutation(TransitionRefusalCaseDocument);
  const [reason, setReason] = useState('');
  const [messages, setMessages] = useState<string[]>([]);
  const offered = refusalCase.allowedTransitions.filter((t) => OFFERED_AS_BUTTONS.includes(t));
  if (!offered.length) return null;

  const run = async (t: CaseTransition) => {
    const { data, error } = await transition({ id: refusalCase.id, version: refusalCase.version, transition: t, reason: reason.trim() || undefined });
    const payload = data?.transitionRefusalCase;
    const problems = toFormErrors(payload?.errors ?? [], [], error);
    setMessages(problems.general);
    if (payload?.result || problems.staleVersion) onChanged();
    if (payload?.result) setReason('');
  };

  return (
    <div className="transitions" aria-label="Действия со случаем">
      <FormMessages messages={messages} />
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
