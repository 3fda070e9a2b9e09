import { useState, type FormEvent } from 'react';
import { AddCaseCommentDocument, type CaseReviewQuery } from '../../generated/graphql';
import { CheckboxField, TextArea } from '../ui/fields';
import { FormMessages } from '../ui/feedback';
import { formatDateTime } from '../ui/format';
import { usePayloadMutation } from '../ui/payload-mutation';

type Comment = NonNullable<CaseReviewQuery['refusalCase']>['comments'][number];

export function CaseComments({ caseId, comments, onAdded }: { caseId: string; comments: readonly Comment[]; onAdded(): void }) {
  const [text, setText] = useState('');
  const [shared, setShared] = useState(true);
  const addComment = usePayloadMutation(AddCaseCommentDocument);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if ((await addComment.send({ caseId, text, shared })).result) {
      setText('');
      onAdded();
    }
  };
  return (
    <div className="comments">
      {comments.length === 0 ? (
        <p className="muted">Комментариев нет.</p>
      ) : (
        <ul>
          {comments.map((c) => (
            <li key={c.id} className="comment">
              <div className="comment__meta">
                {c.author.fullName}, {c.organisation?.shortName ?? '—'} · {formatDateTime(c.createdAt)}
                {!c.shared && <span className="badge">внутренний</span>}
              </div>
              <p>{c.text}</p>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit}>
        <FormMessages messages={addComment.errors.general} />
        <TextArea label="Новый комментарий" value={text} onChange={setText} />
        <CheckboxField label="Виден другой стороне (иначе — только вашей организации)" checked={shared} onChange={setShared} />
        <button type="submit" disabled={addComment.busy || !text.trim()}>
          Добавить комментарий
        </button>
      </form>
    </div>
  );
}
