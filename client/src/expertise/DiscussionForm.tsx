import { useState, type FormEvent } from 'react';
import { RecordDiscussionDocument, type ParticipantSide } from '../../generated/graphql';
import { SelectField, TextArea, TextField } from '../ui/fields';
import { FormMessages } from '../ui/feedback';
import { todayIso } from '../ui/format';
import { PARTICIPANT_SIDE, options } from '../ui/labels';
import { usePayloadMutation } from '../ui/payload-mutation';
import { DateField } from '../ui/DateField';

interface Participant {
  side: ParticipantSide;
  name: string;
  position: string;
}

const blank = (side: ParticipantSide): Participant => ({ side, name: '', position: '' });

/** The joint discussion of the findings with the MO's representatives, required before signing. */
export function DiscussionForm({ expertiseId, onRecorded }: { expertiseId: string; onRecorded(): void }) {
  const [heldOn, setHeldOn] = useState(todayIso());
  const [participants, setParticipants] = useState<Participant[]>([blank('SMO'), blank('MO')]);
  const [notes, setNotes] = useState('');
  const record = usePayloadMutation(RecordDiscussionDocument, ['heldOn', 'participants', 'notes']);
  const { errors } = record;

  const patch = (index: number, change: Partial<Participant>) => setParticipants((list) => list.map((p, i) => (i === index ? { ...p, ...change } : p)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { result } = await record.send({
      input: { expertiseId, heldOn, notes: notes.trim() || undefined, participants: participants.filter((p) => p.name.trim() || p.position.trim()) },
    });
    if (result) {
      setNotes('');
      onRecorded();
    }
  };

  return (
    <form className="subform" onSubmit={submit} noValidate aria-label="Совместный разбор с МО">
      <h4>Совместный разбор с представителями МО</h4>
      <FormMessages messages={errors.general} />
      <DateField label="Дата разбора" value={heldOn} onChange={setHeldOn} error={errors.byField.heldOn} />
      {errors.byField.participants && (
        <p className="field__error" role="alert">
          {errors.byField.participants}
        </p>
      )}
      {participants.map((p, index) => (
        <div className="row" key={index}>
          <SelectField
            label={`Участник ${index + 1}: сторона`}
            value={p.side}
            options={options(PARTICIPANT_SIDE)}
            onChange={(side) => patch(index, { side: side as ParticipantSide })}
          />
          <TextField label="ФИО" value={p.name} onChange={(name) => patch(index, { name })} />
          <TextField label="Должность" value={p.position} onChange={(position) => patch(index, { position })} />
        </div>
      ))}
      <button type="button" className="button--secondary" onClick={() => setParticipants((list) => [...list, blank('MO')])}>
        Добавить участника
      </button>
      <TextArea label="Итоги разбора" value={notes} onChange={setNotes} error={errors.byField.notes} />
      <button type="submit" disabled={record.busy}>
        Записать разбор
      </button>
    </form>
  );
}
