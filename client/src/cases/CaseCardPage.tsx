import { useLocation, useParams } from 'react-router';
import { useQuery } from 'urql';
import { CaseReviewDocument, RefusalCaseDocument } from '../../generated/graphql';
import { ExpertiseSection } from '../expertise/ExpertiseSection';
import { ReviewSection } from '../reviews/ReviewSection';
import { Empty, Loading, Notice, RequestError } from '../ui/feedback';
import { formatDate } from '../ui/format';
import { CASE_STATE } from '../ui/labels';
import { Attachments } from './CaseAttachments';
import { CaseComments } from './CaseComments';
import { CaseDetails } from './CaseDetails';
import { CaseExaminationsByOrder } from './CaseExaminationsByOrder';
import { ReferralStory } from './ReferralStory';
import { CaseHistory } from './CaseHistory';
import { CaseTransitions } from './CaseTransitions';

/** Everything about one refusal case on one page, each part editable by whoever may edit it. */
export function CaseCardPage() {
  const { id = '' } = useParams();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const [{ data, fetching, error }, refetchCase] = useQuery({ query: RefusalCaseDocument, variables: { id } });
  const [review, refetchReview] = useQuery({ query: CaseReviewDocument, variables: { id } });
  const refresh = () => {
    refetchCase({ requestPolicy: 'network-only' });
    refetchReview({ requestPolicy: 'network-only' });
  };

  if (error) return <RequestError error={error} />;
  if (!data && fetching) return <Loading what="Загрузка случая" />;
  const c = data?.refusalCase;
  if (!c) return <Empty>Случай не найден или недоступен вам.</Empty>;
  const extra = review.data?.refusalCase;

  return (
    <article className="case-card" aria-labelledby="case-title">
      {notice && <Notice>{notice}</Notice>}
      <header className="page-title">
        <h1 id="case-title">
          Случай {c.number} <span className={`state state--${c.state.toLowerCase()}`}>{CASE_STATE[c.state]}</span>
        </h1>
        <p className="muted">
          Зарегистрировал(а) {c.registeredBy.fullName}, {formatDate(c.createdAt)}
          {extra?.reviewDueOn && <> · разбор в МО до {formatDate(extra.reviewDueOn)}</>}
        </p>
      </header>
      <CaseTransitions refusalCase={c} onChanged={refresh} />

      <div className="case-card__grid">
        <div className="case-card__main">
          <section aria-labelledby="details-title" className="panel">
            <h2 id="details-title">Данные случая</h2>
            <CaseDetails refusalCase={c} onChanged={refresh} />
          </section>
          <section aria-labelledby="referral-title" className="panel">
            <h2 id="referral-title">Направление на МСЭ (088/у)</h2>
            <ReferralStory caseId={c.id} referralDate={c.referralDate} />
          </section>
          <section aria-labelledby="order-title" className="panel">
            <h2 id="order-title">Обследования по перечню 402н/631н</h2>
            {/* Remounted on each change of the case: its diagnosis or examinations may have changed. */}
            <CaseExaminationsByOrder key={c.version} caseId={c.id} />
          </section>
          <ExpertiseSection caseId={c.id} onCaseChanged={refresh} />
          {extra && <ReviewSection caseData={extra} onChanged={refresh} />}
        </div>
        <aside className="case-card__side">
          <section aria-labelledby="files-title" className="panel">
            <h2 id="files-title">Файлы случая</h2>
            {extra && <Attachments owner="CASE" ownerId={c.id} attachments={extra.attachments} canUpload={extra.mayAttachFiles} onUploaded={refresh} />}
          </section>
          <section aria-labelledby="comments-title" className="panel">
            <h2 id="comments-title">Комментарии</h2>
            {extra && <CaseComments caseId={c.id} comments={extra.comments} onAdded={refresh} />}
          </section>
          <section aria-labelledby="history-title" className="panel">
            <h2 id="history-title">История</h2>
            <CaseHistory entries={c.history} />
          </section>
        </aside>
      </div>
    </article>
  );
}
