import { useState } from 'react';
import type { CaseReviewQuery } from '../../generated/graphql';
import { Attachments } from '../cases/CaseAttachments';
import { Notice } from '../ui/feedback';
import { formatDate } from '../ui/format';
import { MEMBER_ROLE } from '../ui/labels';
import { ActionItem } from './ActionItem';
import { ReviewForm } from './ReviewForm';

type CaseWithReview = NonNullable<CaseReviewQuery['refusalCase']>;

/** The MO's commission review of the case; the MO edits it, everyone else reads it. */
export function ReviewSection({ caseData, onChanged }: { caseData: CaseWithReview; onChanged(): void }) {
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const review = caseData.review;
  const mayRecord = caseData.mayRecordReview;
  const saved = (stale: boolean) => {
    setEditing(false);
    setNotice(stale ? 'Разбор уже изменил другой член комиссии. Показана его версия; ваши правки не сохранены.' : null);
    onChanged();
  };

  return (
    <section aria-labelledby="review-title" className="panel">
      <h2 id="review-title">Комиссионный разбор МО</h2>
      {notice && <Notice>{notice}</Notice>}
      <p className="muted">
        Срок разбора: {caseData.reviewDueOn ? formatDate(caseData.reviewDueOn) : 'не рассчитан (нет производственного календаря)'}
        {caseData.reviewTimeliness.overdue && <span className="badge badge--danger">просрочен</span>}
        {caseData.reviewTimeliness.onTime && <span className="badge">проведён в срок</span>}
      </p>
      {!review && !editing && <p className="muted">Разбор ещё не проведён.</p>}
      {review && !editing && (
        <>
          <dl className="details">
            <dt>Протокол</dt>
            <dd>
              № {review.protocolNumber} от {formatDate(review.protocolDate)}
            </dd>
            <dt>Комиссия</dt>
            <dd>{review.members.map((m) => `${m.name} (${MEMBER_ROLE[m.role]}, ${m.position})`).join('; ')}</dd>
            <dt>Причины</dt>
            <dd>{review.causes.map((c) => (c.comment ? `${c.name}: ${c.comment}` : c.name)).join('; ') || '—'}</dd>
            <dt>Заключение</dt>
            <dd>{review.conclusion}</dd>
          </dl>
          <h3>Мероприятия</h3>
          {review.actions.length === 0 ? (
            <p className="muted">Мероприятий нет.</p>
          ) : (
            <ul className="action-list">
              {review.actions.map((a) => (
                <ActionItem key={a.id} action={a} onChanged={onChanged} />
              ))}
            </ul>
          )}
          <h3>Файлы разбора</h3>
          <Attachments owner="REVIEW" ownerId={review.id} attachments={review.attachments} canUpload={review.mayAttachFiles} onUploaded={onChanged} />
        </>
      )}
      {mayRecord && editing && <ReviewForm caseId={caseData.id} review={review ?? null} onSaved={saved} onCancel={() => setEditing(false)} />}
      {mayRecord && !editing && (
        <button type="button" onClick={() => setEditing(true)}>
          {review ? 'Изменить разбор, добавить мероприятия' : 'Записать комиссионный разбор'}
        </button>
      )}
    </section>
  );
}
