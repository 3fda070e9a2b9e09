import { useState, type FormEvent } from 'react';
import { RecordActDeliveryDocument, RecordActReceiptDocument, type ActDeliveryMethod, type ExpertiseFieldsFragment } from '../../generated/graphql';
import { CheckboxField, SelectField, TextArea } from '../ui/fields';
import { FormMessages } from '../ui/feedback';
import { formatDate, todayIso } from '../ui/format';
import { ACT_DELIVERY_METHOD, options } from '../ui/labels';
import { usePayloadMutation } from '../ui/payload-mutation';
import { DateField } from '../ui/DateField';

/** Where the act stands on its way to the MO: the appeal window runs from its receipt. */
export function ActDeliveryStatus({ delivery }: { delivery: ExpertiseFieldsFragment['actDelivery'] }) {
  if (!delivery) return <p className="muted">Акт в МО ещё не направлен.</p>;
  return (
    <p className="muted">
      {delivery.sentOn && delivery.method && `Акт направлен в МО ${formatDate(delivery.sentOn)} (${ACT_DELIVERY_METHOD[delivery.method]}). `}
      {delivery.receivedOn
        ? `МО получила акт ${formatDate(delivery.receivedOn)}${delivery.signedWithDisagreement ? ' и подписала его с разногласиями' : ''}: с этого дня идут 15 рабочих дней на обжалование.`
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
      <DateField label="Дата направления акта" value={sentOn} onChange={setSentOn} error={errors.byField.sentOn} />
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

type FindingOfAct = Pick<ExpertiseFieldsFragment['findings'][number], 'id' | 'description'> & { defectCode: { code: string } };

/**
 * The MO records the day it received the act and how it signed it — without or with disagreement,
 * naming its objections per finding (or the SMO does, from the MO's mark on its copy).
 */
export function ActReceiptForm({ expertiseId, findings, onDone }: { expertiseId: string; findings: FindingOfAct[]; onDone(): void }) {
  const [receivedOn, setReceivedOn] = useState(todayIso());
  const [disagrees, setDisagrees] = useState(false);
  const [objections, setObjections] = useState<Record<string, string>>({});
  const receive = usePayloadMutation(RecordActReceiptDocument, ['receivedOn', 'signedWithDisagreement', 'objections']);
  const { errors } = receive;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const named = Object.entries(objections)
      .filter(([, text]) => text.trim())
      .map(([findingId, text]) => ({ findingId, text: text.trim() }));
    const input = { expertiseId, receivedOn, signedWithDisagreement: disagrees, objections: disagrees ? named : [] };
    if ((await receive.send({ input })).result) onDone();
  };
  return (
    <form className="subform" onSubmit={submit} noValidate aria-label="Получение акта МО">
      <h4>Получение акта медицинской организацией</h4>
      <FormMessages messages={errors.general} />
      <DateField label="Дата получения акта" value={receivedOn} onChange={setReceivedOn} error={errors.byField.receivedOn} />
      <CheckboxField label="Акт подписан с разногласиями" checked={disagrees} onChange={setDisagrees} />
      {disagrees && (
        <fieldset>
          <legend>Разногласия по замечаниям</legend>
          {errors.byField.objections && (
            <p className="field__error" role="alert">
              {errors.byField.objections}
            </p>
          )}
          {findings.map((f) => (
            <TextArea
              key={f.id}
              label={`${f.defectCode.code} — ${f.description}`}
              value={objections[f.id] ?? ''}
              onChange={(text) => setObjections((o) => ({ ...o, [f.id]: text }))}
              hint="оставьте пустым, если с замечанием МО согласна"
            />
          ))}
        </fieldset>
      )}
      <button type="submit" disabled={receive.busy}>
        Записать получение акта
      </button>
    </form>
  );
}
