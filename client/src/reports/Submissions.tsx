import { useState } from 'react';
import { useQuery } from 'urql';
import {
  AcceptQuarterlyReportDocument,
  QuarterlyReportStatusesDocument,
  QuarterlyReportSubmissionsDocument,
  ReturnQuarterlyReportDocument,
  SubmitQuarterlyReportDocument,
} from '../../generated/graphql';
import type { Viewer } from '../app/session';
import { DownloadButton } from '../ui/DownloadButton';
import { FormMessages, Notice } from '../ui/feedback';
import { TextField } from '../ui/fields';
import { formatDate, formatDateTime } from '../ui/format';
import { SUBMISSION_STATUS } from '../ui/labels';
import { usePayloadMutation } from '../ui/payload-mutation';
import { confirmed } from '../ui/confirm';

interface Period {
  year: number;
  quarter: number;
  smoId: string;
}

/** The fund's view: every SMO's report for the quarter, late ones marked. */
export function ReportStatuses({ year, quarter, onPick }: { year: number; quarter: number; onPick(smoId: string): void }) {
  const [{ data }] = useQuery({ query: QuarterlyReportStatusesDocument, variables: { year, quarter } });
  if (!data) return null;
  return (
    <div className="table-wrap">
      <table className="table table--compact">
        <caption>Отчёты СМО за квартал</caption>
        <thead>
          <tr>
            <th scope="col">СМО</th>
            <th scope="col">Срок сдачи</th>
            <th scope="col">Последняя версия</th>
            <th scope="col">Состояние</th>
          </tr>
        </thead>
        <tbody>
          {data.quarterlyReportStatuses.map((s) => (
            <tr key={s.smo.id} className={s.late ? 'row--late' : undefined}>
              <td>
                <button type="button" className="button--link" onClick={() => onPick(s.smo.id)}>
                  {s.smo.shortName}
                </button>
              </td>
              <td>{s.dueOn ? formatDate(s.dueOn) : 'не рассчитан: нет производственного календаря'}</td>
              <td>{s.latest ? `версия ${s.latest.revision} от ${formatDate(s.latest.submittedOn)}` : 'не сдан'}</td>
              <td>
                {s.latest ? SUBMISSION_STATUS[s.latest.status] : '—'}
                {s.late && <span className="badge badge--danger">просрочен</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Submitted versions of one SMO's report: frozen files, and the fund's accept or return. */
export function Submissions({ period, viewer }: { period: Period; viewer: Viewer }) {
  const isSmo = viewer.role === 'SMO_EXPERT';
  const [{ data }, refetch] = useQuery({
    query: QuarterlyReportSubmissionsDocument,
    variables: { year: period.year, quarter: period.quarter, smoId: period.smoId || undefined },
    pause: !isSmo && !period.smoId,
  });
  const submit = usePayloadMutation(SubmitQuarterlyReportDocument);
  const accept = usePayloadMutation(AcceptQuarterlyReportDocument);
  const giveBack = usePayloadMutation(ReturnQuarterlyReportDocument);
  const [notice, setNotice] = useState<string | null>(null);
  const [comment, setComment] = useState('');

  /** After an action: say what happened (nothing when refused) and show the versions as they are now. */
  const after = (done: string | null) => {
    setNotice(done);
    if (done) refetch({ requestPolicy: 'network-only' });
  };

  const submissions = data?.quarterlyReportSubmissions ?? [];
  return (
    <section aria-labelledby="subm-title" className="panel">
      <h2 id="subm-title">Сдача отчёта</h2>
      <FormMessages messages={[...submit.errors.general, ...accept.errors.general, ...giveBack.errors.general]} />
      {notice && <Notice>{notice}</Notice>}
      {isSmo && (
        <button
          type="button"
          onClick={async () => {
            if (!confirmed(`Сдать отчёт за ${period.quarter} квартал ${period.year} года в ТФОМС? Сданную версию изменить нельзя.`)) return;
            const { result } = await submit.send({ year: period.year, quarter: period.quarter });
            after(result && `Отчёт сдан, версия ${result.revision}${result.late ? ' (позже срока)' : ''}`);
          }}
        >
          Сдать отчёт за квартал
        </button>
      )}
      {submissions.length === 0 ? (
        <p className="muted">{isSmo || period.smoId ? 'Сданных версий нет.' : 'Выберите СМО, чтобы увидеть её сданные версии.'}</p>
      ) : (
        <ul className="submissions">
          {submissions.map((s) => (
            <li key={s.id}>
              <strong>
                {s.smo.shortName}, версия {s.revision}
              </strong>{' '}
              — сдана {formatDateTime(s.submittedAt)}, срок {formatDate(s.dueOn)} <span className="badge">{SUBMISSION_STATUS[s.status]}</span>
              {s.late && <span className="badge badge--danger">позже срока</span>}
              {s.reviewComment && <div className="muted">Замечания ТФОМС: {s.reviewComment}</div>}
              <div className="actions">
                <DownloadButton url={`/reports/submissions/${s.id}.xlsx`} fileName={`otchet-v${s.revision}.xlsx`}>
                  XLSX этой версии
                </DownloadButton>
                <DownloadButton url={`/reports/submissions/${s.id}.docx`} fileName={`otchet-v${s.revision}.docx`}>
                  DOCX этой версии
                </DownloadButton>
              </div>
              {s.mayDecide && (
                <div className="row row--wrap">
                  <button
                    type="button"
                    onClick={async () => {
                      after((await accept.send({ id: s.id })).result && 'Отчёт принят');
                    }}
                  >
                    Принять
                  </button>
                  <TextField label="Замечания при возврате" value={comment} onChange={setComment} />
                  <button
                    type="button"
                    className="button--secondary"
                    onClick={async () => {
                      const { result } = await giveBack.send({ id: s.id, comment });
                      after(result && 'Отчёт возвращён на доработку');
                      if (result) setComment('');
                    }}
                  >
                    Вернуть на доработку
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
