import { RemoveFindingDocument, SignExpertiseDocument, type ExpertiseFieldsFragment, type ExpertiseTransition } from '../../generated/graphql';
import { DownloadButton } from '../ui/DownloadButton';
import { FormMessages, Notice } from '../ui/feedback';
import { formatCoefficient, formatDate, formatMoney, workingDaysLeft } from '../ui/format';
import { APPEAL_OUTCOME, EXPERTISE_KIND, EXPERTISE_TYPE, MO_POSITION, PARTICIPANT_SIDE, POSITION_SOURCE } from '../ui/labels';
import { usePayloadMutation } from '../ui/payload-mutation';
import { ActDeliveryForm, ActDeliveryStatus, ActReceiptForm } from './ActDeliveryForms';
import { DocumentsReceivedForm } from './DocumentsReceivedForm';
import { RegisterAppealForm, SettleAppealForm } from './AppealForms';
import { DiscussionForm } from './DiscussionForm';
import { FindingForm } from './FindingForm';
import { MoPositionsForm } from './MoPositionsForm';
import { confirmed } from '../ui/confirm';

export function ExpertisePanel({ expertise: e, onChanged }: { expertise: ExpertiseFieldsFragment; onChanged(): void }) {
  const sign = usePayloadMutation(SignExpertiseDocument);
  const removeFinding = usePayloadMutation(RemoveFindingDocument);
  const may = (transition: ExpertiseTransition) => e.allowedTransitions.includes(transition);
  const columns = e.editable ? 8 : 7;

  const runSign = async () => {
    if (!confirmed(`Подписать заключение ${e.number}? Подписанное заключение изменить нельзя.`)) return;
    const { result, errors } = await sign.send({ id: e.id, version: e.version });
    if (result || errors.staleVersion) onChanged();
  };
  const remove = async (findingId: string, code: string) => {
    if (!confirmed(`Удалить замечание ${code}?`)) return;
    await removeFinding.send({ findingId });
    onChanged();
  };

  return (
    <section className="expertise" aria-label={`Экспертиза ${e.number}`}>
      <header className="expertise__header">
        <h3>
          {EXPERTISE_TYPE[e.type]} {e.number} <span className="badge">{e.statusLabel}</span>
        </h3>
        <p className="muted">
          {EXPERTISE_KIND[e.kind]}, начата {formatDate(e.startDate)}, эксперт {e.expert.fullName}
          {e.signedBy && `; подписал(а) ${e.signedBy.fullName} ${formatDate(e.conclusionDate)}`}
          {e.corrects && `; исправляет ${e.corrects.number}`}
          {e.correctedBy.length > 0 && `; исправлена: ${e.correctedBy.map((x) => x.number).join(', ')}`}
        </p>
        <DownloadButton url={`/expertises/${e.id}/act.docx`} fileName={`akt-${e.number}.docx`}>
          {e.signed ? 'Скачать акт (DOCX)' : 'Скачать проект акта (DOCX)'}
        </DownloadButton>
      </header>
      <FormMessages messages={[...sign.errors.general, ...removeFinding.errors.general]} />

      {e.deadlines.length > 0 && (
        <ul className="deadlines">
          {e.deadlines.map((d) => (
            <li key={d.label} className={`deadline deadline--${d.status.toLowerCase()}`}>
              {d.label}: {d.dueOn ? `до ${formatDate(d.dueOn)}` : d.problem}
              {d.doneOn
                ? ` · выполнено ${formatDate(d.doneOn)}`
                : d.workingDaysLeft !== null && d.workingDaysLeft !== undefined
                  ? ` · ${workingDaysLeft(d.workingDaysLeft)}`
                  : ''}
            </li>
          ))}
        </ul>
      )}

      <div className="table-wrap">
        <table className="table">
          <caption>Замечания по случаям оказания помощи</caption>
          <thead>
            <tr>
              <th scope="col">Код</th>
              <th scope="col">Нарушение</th>
              <th scope="col" className="num">
                Кно
              </th>
              <th scope="col" className="num">
                Кшт
              </th>
              <th scope="col" className="num">
                Не оплачено
              </th>
              <th scope="col" className="num">
                Штраф
              </th>
              <th scope="col">Позиция МО</th>
              {e.editable && <th scope="col">Действия</th>}
            </tr>
          </thead>
          {e.episodes.length === 0 && (
            <tbody>
              <tr>
                <td colSpan={columns} className="muted">
                  Замечаний нет.
                </td>
              </tr>
            </tbody>
          )}
          {e.episodes.map((episode) => (
            <tbody key={episode.id}>
              <tr className="episode-row">
                <th scope="rowgroup" colSpan={columns}>
                  Случай: {episode.recordNumber}
                  {episode.careTo && `, ${formatDate(episode.careFrom)}–${formatDate(episode.careTo)}`}; {episode.normKind.name}; RT{' '}
                  {formatMoney(episode.tariff)}
                  <div className="muted">
                    {episode.sanction.explanation}: не оплачено {formatMoney(episode.sanction.amountNotPaid)}, штраф {e.totals.finePreliminary ? '≈ ' : ''}
                    {formatMoney(episode.sanction.fine)}
                  </div>
                </th>
              </tr>
              {e.findings
                .filter((f) => f.episode.id === episode.id)
                .map((f) => (
                  <tr key={f.id}>
                    <td>{f.defectCode.code}</td>
                    <td>{f.description}</td>
                    <td className="num">{formatCoefficient(f.defectCode.nonPaymentCoefficient)}</td>
                    <td className="num">{formatCoefficient(f.defectCode.fineCoefficient)}</td>
                    <td className="num">{formatMoney(f.amountNotPaid)}</td>
                    <td className="num">
                      {f.fine ? (
                        <>
                          {formatMoney(f.fine)}
                          {f.perCapitaNorm && (
                            <div className="muted">
                              RP {formatMoney(f.perCapitaNorm)} на {formatDate(f.normDate)}
                            </div>
                          )}
                        </>
                      ) : f.finePreview ? (
                        <span title="предварительно, по нормативу на дату окончания помощи">≈ {formatMoney(f.finePreview)}</span>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>
                      {f.moPosition ? MO_POSITION[f.moPosition] : '—'}
                      {f.moComment && <div className="muted">{f.moComment}</div>}
                      {f.moPositionSource && <div className="muted">{POSITION_SOURCE[f.moPositionSource]}</div>}
                    </td>
                    {e.editable && (
                      <td>
                        <button type="button" className="button--link" onClick={() => void remove(f.id, f.defectCode.code)}>
                          Удалить
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
            </tbody>
          ))}
          <tfoot>
            <tr>
              <th scope="row" colSpan={4}>
                Итого (по одному основанию на случай)
              </th>
              <td className="num">{formatMoney(e.totals.amountNotPaid)}</td>
              <td className="num">{e.totals.finePreliminary ? `≈ ${formatMoney(e.totals.fine)}` : formatMoney(e.totals.fine)}</td>
              <td colSpan={e.editable ? 2 : 1} />
            </tr>
          </tfoot>
        </table>
      </div>
      {e.finalTotals && (e.finalTotals.amountNotPaid !== e.totals.amountNotPaid || e.finalTotals.fine !== e.totals.fine) && (
        <Notice>
          После решения по обжалованию: не оплачено {formatMoney(e.finalTotals.amountNotPaid)}, штраф {formatMoney(e.finalTotals.fine)}.
        </Notice>
      )}

      <h4>Совместные разборы</h4>
      {e.discussions.length === 0 ? (
        <p className="muted">Разбор с МО ещё не проведён.</p>
      ) : (
        <ul className="discussions">
          {e.discussions.map((d) => (
            <li key={d.id}>
              {formatDate(d.heldOn)}: {d.participants.map((p) => `${p.name} (${PARTICIPANT_SIDE[p.side]}, ${p.position})`).join('; ')}
              {d.notes && <div className="muted">{d.notes}</div>}
            </li>
          ))}
        </ul>
      )}

      {e.appeal && (
        <p className="appeal">
          Обжаловано {formatDate(e.appeal.filedOn)}: {e.appeal.grounds}
          {e.appeal.outcome
            ? ` — ${APPEAL_OUTCOME[e.appeal.outcome]} ${formatDate(e.appeal.decidedOn)}${e.appeal.decisionComment ? ` (${e.appeal.decisionComment})` : ''}`
            : ' — на рассмотрении в ТФОМС'}
          {e.appeal.repeatType && (
            <span className="muted">
              {' '}
              Повторная {EXPERTISE_TYPE[e.appeal.repeatType]} {formatDate(e.appeal.repeatHeldOn)}, эксперт {e.appeal.repeatExpert}.
            </span>
          )}
        </p>
      )}

      {e.editable && e.documentsRequestedOn && !e.documentsReceivedOn && <DocumentsReceivedForm expertise={e} onDone={onChanged} />}
      {e.editable && (
        <>
          <FindingForm expertiseId={e.id} defectSection={e.defectSection} episodes={e.episodes} onAdded={onChanged} />
          <DiscussionForm expertiseId={e.id} onRecorded={onChanged} />
          <div className="sign">
            {e.signingBlockedBy && <p className="muted">Подписать пока нельзя: {e.signingBlockedBy}</p>}
            <button type="button" onClick={() => void runSign()}>
              Подписать заключение
            </button>
          </div>
        </>
      )}
      {e.mayRecordMoPositions && e.findings.length > 0 && <MoPositionsForm expertiseId={e.id} findings={e.findings} onRecorded={onChanged} />}
      {e.signed && <ActDeliveryStatus delivery={e.actDelivery} />}
      {e.mayRecordActDelivery && <ActDeliveryForm expertiseId={e.id} onDone={onChanged} />}
      {e.mayRecordActReceipt && <ActReceiptForm expertiseId={e.id} findings={e.findings} onDone={onChanged} />}
      {may('APPEAL') && <RegisterAppealForm expertiseId={e.id} onDone={onChanged} />}
      {may('SETTLE') && <SettleAppealForm expertiseId={e.id} expertiseType={e.type} findings={e.findings} onDone={onChanged} />}
    </section>
  );
}
