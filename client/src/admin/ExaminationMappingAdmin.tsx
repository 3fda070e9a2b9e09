import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { MapExaminationTextsDocument, UncodedExaminationTextsDocument } from '../../generated/graphql';
import { examinationFromText, ExaminationPicker, type ExaminationValue } from '../cases/ExaminationPicker';
import { confirmed } from '../ui/confirm';
import { FormMessages, Notice } from '../ui/feedback';
import { usePayloadMutation } from '../ui/payload-mutation';

/**
 * Free-text missing examinations, most frequent first, each linked to an НМУ service in bulk: every
 * case with that text gets the code, and spreadsheets imported later too.
 */
export function ExaminationMappingAdmin() {
  const [{ data, fetching }, refetch] = useQuery({ query: UncodedExaminationTextsDocument, variables: { first: 200 }, requestPolicy: 'cache-and-network' });
  const [chosen, setChosen] = useState<Record<string, ExaminationValue>>({});
  const [notice, setNotice] = useState<string | null>(null);
  // Each refusal names its code in the message: shown above the table.
  const map = usePayloadMutation(MapExaminationTextsDocument);
  const texts = data?.uncodedExaminationTexts ?? [];
  const mappings = texts.flatMap((t) => (chosen[t.textKey]?.nmuCode ? [{ text: t.text, nmuCode: chosen[t.textKey].nmuCode! }] : []));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!confirmed(`Закодировать ${mappings.length} текст(ов) во всех случаях? Версия изменённых случаев сменится.`)) return;
    const { result } = await map.send({ input: { mappings } });
    if (result) {
      setNotice(`Изменено случаев: ${result.casesUpdated}.`);
      setChosen({});
      refetch({ requestPolicy: 'network-only' });
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Сопоставление текстов обследований с НМУ">
      <h2>Обследования, записанные текстом</h2>
      <p className="muted">
        Выберите услугу НМУ для частых текстов: все случаи с таким текстом (без учёта регистра и пробелов) получат код, новые загрузки из таблиц — тоже.
      </p>
      {notice && <Notice>{notice}</Notice>}
      <FormMessages messages={map.errors.general} />
      {fetching && !data ? (
        <p>Загрузка…</p>
      ) : texts.length === 0 ? (
        <p>Все недостающие обследования закодированы.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Текст</th>
              <th scope="col">Раз / случаев</th>
              <th scope="col">Услуга НМУ</th>
            </tr>
          </thead>
          <tbody>
            {texts.map((t) => (
              <tr key={t.textKey}>
                <td>{t.text}</td>
                <td>
                  {t.occurrences} / {t.cases}
                </td>
                <td>
                  <ExaminationPicker
                    label={`Код НМУ для «${t.text}»`}
                    value={chosen[t.textKey] ?? examinationFromText(t.mappedTo ?? '', false)}
                    onChange={(value) => setChosen((c) => ({ ...c, [t.textKey]: value }))}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="submit" disabled={map.busy || mappings.length === 0}>
        Закодировать выбранные ({mappings.length})
      </button>
    </form>
  );
}
