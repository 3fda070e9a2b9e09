import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { CreateNormKindDocument, CreatePerCapitaNormDocument, PerCapitaNormsDocument } from '../../generated/graphql';
import { useNormKindOptions } from '../app/norm-kinds';
import { SelectField, TextField } from '../ui/fields';
import { FormMessages } from '../ui/feedback';
import { decimalFromTyped, formatDate, formatMoney, RUBLES_EXPECTED } from '../ui/format';
import { usePayloadMutation } from '../ui/payload-mutation';
import { DateField } from '../ui/DateField';

const NORM_FIELDS = ['normKindCode', 'amount', 'validFrom', 'validTo', 'basis'] as const;
const KIND_FIELDS = ['code', 'name'] as const;

/** Per-capita norms (RP) by the region's kinds and periods: a fine takes the one in force when the care ended. */
export function NormsAdmin() {
  const [{ data }, refetch] = useQuery({ query: PerCapitaNormsDocument, variables: {} });
  const kinds = useNormKindOptions();
  const [normKindCode, setNormKindCode] = useState('');
  const [amount, setAmount] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const [basis, setBasis] = useState('');
  const create = usePayloadMutation(CreatePerCapitaNormDocument, NORM_FIELDS);
  const { errors } = create;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { result } = await create.send({
      input: { normKindCode, amount: decimalFromTyped(amount) ?? amount.trim(), validFrom, validTo: validTo || undefined, basis },
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
              <th scope="col">Вид норматива</th>
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
                <td>{n.normKind.name}</td>
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
          <SelectField
            label="Вид норматива"
            value={normKindCode}
            options={kinds.options}
            placeholder="выберите"
            onChange={setNormKindCode}
            error={errors.byField.normKindCode}
          />
          <TextField
            label="Норматив, ₽"
            inputMode="decimal"
            value={amount}
            onChange={setAmount}
            error={errors.byField.amount ?? (amount.trim() && !decimalFromTyped(amount) ? RUBLES_EXPECTED : undefined)}
          />
          <DateField label="Действует с" value={validFrom} onChange={setValidFrom} error={errors.byField.validFrom} />
          <DateField label="по" value={validTo} onChange={setValidTo} error={errors.byField.validTo} hint="пусто — бессрочно" />
          <TextField label="Основание (территориальная программа, тарифное соглашение)" value={basis} onChange={setBasis} error={errors.byField.basis} />
        </div>
        <button type="submit" disabled={create.busy}>
          Добавить норматив
        </button>
      </form>
      <NormKindForm onAdded={kinds.refetch} />
    </section>
  );
}

/** A kind of norm as the region's tariff agreement defines it. */
function NormKindForm({ onAdded }: { onAdded(): void }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const create = usePayloadMutation(CreateNormKindDocument, KIND_FIELDS);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { result } = await create.send({ input: { code, name } });
    if (result) {
      setCode('');
      setName('');
      onAdded();
    }
  };
  return (
    <form className="subform" onSubmit={submit} noValidate aria-label="Новый вид норматива">
      <h3>Новый вид норматива</h3>
      <FormMessages messages={create.errors.general} />
      <div className="grid">
        <TextField label="Код" value={code} onChange={setCode} error={create.errors.byField.code} hint="например СТАЦ" />
        <TextField label="Наименование, как в тарифном соглашении" value={name} onChange={setName} error={create.errors.byField.name} />
      </div>
      <button type="submit" disabled={create.busy}>
        Добавить вид
      </button>
    </form>
  );
}
