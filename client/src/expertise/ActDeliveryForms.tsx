import { useState, type FormEvent } from 'react';
import { RecordActDeliveryDocument, RecordActReceiptDocument, type ActDeliveryMethod, type ExpertiseFieldsFragment } from '../../generated/graphql';
import { SelectField, TextField } from '../ui/fields';
import { FormMessages } from '../ui/feedback';
import { formatDate, todayIso } from '../ui/format';
import { ACT_DELIVERY_METHOD, options } from '../ui/labels';
import { usePayloadMutation } from '../ui/payload-mutation';

/** Where the act stands on its way to the MO: the appeal window runs from its receipt. */
export function ActDeliveryStatus({ delivery }: { delivery: ExpertiseFieldsFragment['actDelivery'] }) {
  if (!delivery) return <p className="muted">Акт в МО ещё не направлен.</p>;
  return (
    <p className="muted">
      {delivery.sentOn && delivery.method && `Акт направлен в МО ${formatDate(delivery.sentOn)} (${ACT_DELIVERY_METHOD[delivery.method]}). `}
      {delivery.receivedOn
        ? `МО получила акт ${formatDate(delivery.receivedOn)}: с этого дня идут 15 рабочих дней на обжалование.`
        : 'Получение акта МО ещё не записано: срок обжалования не начался.'}
    </p>
  );
}

/** The SMO records when and how it sent the act. */
export function ActDeliveryForm({ expertiseId, onDone }: { expertiseId: string; onDone(): void }) {
  const [sentOn, setSentOn] = useState(todayIso());
  const [method, setMethod] = useState<ActDeliveryMethod | ''>('');
  const deliver = usePayloadMutation(RecordActDeliveryDocument, ['sentOn', 'method']);
  const { errors } = deliver;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if ((await deliver.send({ input: { expertiseId, sentOn, method: method as ActDeliveryMethod } })).result) onDone();
  };
  return (
    <form className="subform" onSubmit={submit} noValidate aria-label="Направление акта в МО">
      <h4>Направить акт в МО</h4>
      <FormMessages messages={errors.general} />
      <TextField label="Дата направления акта" type="date" value={sentOn} onChange={setSentOn} error={errors.byField.sentOn} />
      <SelectField
        label="Способ направления"
        value={method}
        options={options(ACT_DELIVERY_METHOD)}
        placeholder="выберите"
        onChange={setMethod}
        error={errors.byField.method}
      />
      <button type="submit" disabled={deliver.busy}>
        Записать направление акта
      </button>
    </form>
  );
}

/** The MO records the day it received the act (or the SMO does, from the MO's mark on its copy). */
export function ActReceiptForm({ expertiseId, onDone }: { expertiseId: string; onDone(): void }) {
  const [receivedOn, setReceivedOn] = useState(todayIso());
  const receive = usePayloadMutation(RecordActReceiptDocument, ['receivedOn']);
  const { errors } = receive;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if ((await receive.send({ input: { expertiseId, receivedOn } })).result) onDone();
  };
  return (
    <form className="subform" onSubmit={submit} noValidate aria-label="Получение акта МО">
      <h4>Получение акта медицинской организацией</h4>
      <FormMessages messages={errors.general} />
      <TextField label="Дата получения акта" type="date" value={receivedOn} onChange={setReceivedOn} error={errors.byField.receivedOn} />
      <button type="submit" disabled={receive.busy}>
        Записать получение акта
      </button>
    </form>
  );
}
