import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { CreatePerCapitaNormDocument, PerCapitaNormsDocument, type CareKind } from '../../generated/graphql';
import { SelectField, TextField } from '../ui/fields';
import { FormMessages } from '../ui/feedback';
import { formatDate, formatMoney } from '../ui/format';
import { CARE_KIND, options } from '../ui/labels';
import { usePayloadMutation } from '../ui/payload-mutation';

const FIELDS = ['careKind', 'amount', 'validFrom', 'validTo', 'basis'] as const;

/** Per-capita norms (RP) by kind of care and period: fines are computed from the one in force. */
export function NormsAdmin() {
  const [{ data }, refetch] = useQuery({ query: PerCapitaNormsDocument, variables: {} });
  const [careKind, setCareKind] = useState<CareKind | ''>('INPATIENT');
  const [amount, setAmount] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const [basis, setBasis] = useState('');
  const create = usePayloadMutation(CreatePerCapitaNormDocument, FIELDS);
  const { errors } = create;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { result } = await create.send({
      input: { careKind: careKind as CareKind, amount: amount.trim().replace(',', '.'), validFrom, validTo: validTo || undefined, basis },
    });
    if (result) {
      setAmount('');
      refetch({ requestPolicy: 'network-only' });
    }
  };

  return (
    <section aria-labelledby="norms-title" className="panel">
      <h2 id="norms-title">Подушевые нормативы (RP)</h2>
      <div className="table-wrap">
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">Вид помощи</th>
              <th scope="col" className="num">
                Норматив
              </th>
              <th scope="col">Действует</th>
              <th scope="col">Основание</th>
            </tr>
          </thead>
          <tbody>
            {(data?.perCapitaNorms ?? []).map((n) => (
              <tr key={n.id}>
                <td>{CARE_KIND[n.careKind]}</td>
                <td className="num">{formatMoney(n.amount)}</td>
                <td>
                  с {formatDate(n.validFrom)}
                  {n.validTo ? ` по ${formatDate(n.validTo)}` : ''}
                </td>
                <td>{n.basis}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="subform" onSubmit={submit} noValidate aria-label="Новый норматив">
        <FormMessages messages={errors.general} />
        <div className="grid">
          <SelectField label="Вид помощи" value={careKind} options={options(CARE_KIND)} onChange={setCareKind} error={errors.byField.careKind} />
          <TextField label="Норматив, ₽" inputMode="decimal" value={amount} onChange={setAmount} error={errors.byField.amount} />
          <TextField label="Действует с" type="date" value={validFrom} onChange={setValidFrom} error={errors.byField.validFrom} />
          <TextField label="по" type="date" value={validTo} onChange={setValidTo} error={errors.byField.validTo} hint="пусто — бессрочно" />
          <TextField label="Основание (территориальная программа)" value={basis} onChange={setBasis} error={errors.byField.basis} />
        </div>
        <button type="submit" disabled={create.busy}>
          Добавить норматив
        </button>
      </form>
    </section>
  );
}
