import { useState, type FormEvent } from 'react';
import { RecordMoPositionsDocument, type FindingFieldsFragment, type MoPosition } from '../../generated/graphql';
import { SelectField, TextField } from '../ui/fields';
import { FormMessages } from '../ui/feedback';
import { MO_POSITION, options } from '../ui/labels';
import { usePayloadMutation } from '../ui/payload-mutation';

/** The MO's position on each finding: agrees, or disagrees with a comment. */
export function MoPositionsForm({
  expertiseId,
  findings,
  onRecorded,
}: {
  expertiseId: string;
  findings: readonly FindingFieldsFragment[];
  onRecorded(): void;
}) {
  const [positions, setPositions] = useState(() =>
    Object.fromEntries(findings.map((f) => [f.id, { position: f.moPosition ?? '', comment: f.moComment ?? '' }])),
  );
  const record = usePayloadMutation(RecordMoPositionsDocument);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = Object.entries(positions).filter(([, p]) => p.position);
    const { result } = await record.send({
      input: {
        expertiseId,
        positions: chosen.map(([findingId, p]) => ({ findingId, position: p.position as MoPosition, comment: p.comment.trim() || undefined })),
      },
    });
    if (result) onRecorded();
  };
  return (
    <form className="subform" onSubmit={submit} aria-label="Позиция МО по замечаниям">
      <h4>Позиция МО по замечаниям</h4>
      <FormMessages messages={record.errors.general} />
      {findings.map((f) => (
        <div className="row" key={f.id}>
          <SelectField
            label={`Замечание ${f.defectCode.code}`}
            value={positions[f.id].position}
            options={options(MO_POSITION)}
            placeholder="не указана"
            onChange={(position) => setPositions((all) => ({ ...all, [f.id]: { ...all[f.id], position } }))}
          />
          <TextField
            label="Комментарий"
            value={positions[f.id].comment}
            onChange={(comment) => setPositions((all) => ({ ...all, [f.id]: { ...all[f.id], comment } }))}
          />
        </div>
      ))}
      <button type="submit" disabled={record.busy}>
        Сохранить позицию МО
      </button>
    </form>
  );
}
