import { useState, type FormEvent } from 'react';
import { UpdateExpertiseDocument, type ExpertiseFieldsFragment } from '../../generated/graphql';
import { FormMessages } from '../ui/feedback';
import { formatDate, todayIso } from '../ui/format';
import { usePayloadMutation } from '../ui/payload-mutation';
import { DateField } from '../ui/DateField';

/** The day the MO's documents reached the expert: it closes the 10-working-day deadline of the request. */
export function DocumentsReceivedForm({ expertise: e, onDone }: { expertise: ExpertiseFieldsFragment; onDone(): void }) {
  const [receivedOn, setReceivedOn] = useState(todayIso());
  const update = usePayloadMutation(UpdateExpertiseDocument, ['documentsReceivedOn']);
  const { errors } = update;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const sent = await update.send({ input: { id: e.id, version: e.version, documentsReceivedOn: receivedOn } });
    if (sent.result || sent.errors.staleVersion) onDone();
  };
  return (
    <form className="subform" onSubmit={submit} noValidate aria-label="Поступление документов">
      <h4>Документы запрошены у МО {formatDate(e.documentsRequestedOn)}</h4>
      <FormMessages messages={errors.general} />
      <DateField label="Документы поступили" value={receivedOn} onChange={setReceivedOn} error={errors.byField.documentsReceivedOn} />
      <button type="submit" disabled={update.busy}>
        Записать поступление документов
      </button>
    </form>
  );
}
