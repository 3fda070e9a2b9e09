import { useQuery } from 'urql';
import { CaseExaminationsByOrderDocument } from '../../generated/graphql';

const kind = (basic: boolean) => (basic ? 'основное' : 'дополнительное');

/**
 * The case's missing examinations beside the 402н/631н list for its main diagnosis and the person's
 * age at referral: what the MO should check it did, and what the bureau asked for beyond the list.
 */
export function CaseExaminationsByOrder({ caseId }: { caseId: string }) {
  const [{ data, fetching }] = useQuery({ query: CaseExaminationsByOrderDocument, variables: { id: caseId }, requestPolicy: 'cache-and-network' });
  if (fetching && !data) return <p>Загрузка…</p>;
  const order = data?.refusalCase?.examinationsByOrder;
  if (!order) {
    return <p className="muted">Перечень обследований (приказ 402н/631н, справочник ФНСИ 1.2.643.5.1.13.13.99.2.857) не загружен.</p>;
  }
  return (
    <div className="examinations-by-order">
      <p>
        Раздел перечня: {order.section}. Требуется обследований: {order.required.length}.
      </p>
      {order.required.length === 0 ? (
        <p>Для основного диагноза случая перечень обследований не называет.</p>
      ) : (
        <table>
          <caption>Что требует перечень</caption>
          <thead>
            <tr>
              <th scope="col">Код НМУ</th>
              <th scope="col">Обследование</th>
              <th scope="col">Вид</th>
              <th scope="col">В случае</th>
            </tr>
          </thead>
          <tbody>
            {order.required.map((r) => (
              <tr key={r.nmuCode}>
                <td>{r.nmuCode}</td>
                <td>{r.name}</td>
                <td>{kind(r.basic)}</td>
                <td>{r.namedAsMissing ? (r.namedByBureau ? 'не хватило, названо бюро' : 'не хватило') : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {order.requiredButNotNamed.length > 0 && (
        <>
          <h3>Требуется, но не названо недостающим</h3>
          <p className="muted">МО стоит проверить, что это сделано, прежде чем направить снова.</p>
          <ul>
            {order.requiredButNotNamed.map((r) => (
              <li key={r.nmuCode}>
                {r.nmuCode} {r.name} ({kind(r.basic)})
              </li>
            ))}
          </ul>
        </>
      )}
      {order.namedButNotRequired.length > 0 && (
        <>
          <h3>Названо недостающим, но перечнем не требуется</h3>
          <p className="muted">Бюро запросило сверх перечня: такой отказ фонд может оспорить.</p>
          <ul>
            {order.namedButNotRequired.map((m) => (
              <li key={m.nmuCode}>
                {m.nmuCode} {m.name}
                {m.namedByBureau && <span className="badge">названо бюро</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
