import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { MeDocument, UpdateMySettingsDocument, type UserFieldsFragment } from '../../generated/graphql';
import { FormFooter, Loading, Notice, RequestError } from '../ui/feedback';
import { TextField } from '../ui/fields';
import { usePayloadMutation } from '../ui/payload-mutation';
import { ROLE } from '../ui/labels';

/** What a user sets for themself: the address Razbor's notices and daily digest go to. */
export function MySettingsPage() {
  const [{ data, fetching, error }] = useQuery({ query: MeDocument, requestPolicy: 'network-only' });
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Мои настройки</h1>
      {error && <RequestError error={error} />}
      {!data && fetching && <Loading />}
      {data?.me && <MailForm me={data.me} />}
    </section>
  );
}

/** The form keeps the version its last save returned, so a second change needs no reload. */
function MailForm({ me }: { me: UserFieldsFragment }) {
  const [email, setEmail] = useState(me.email ?? '');
  const [version, setVersion] = useState(me.version);
  const [saved, setSaved] = useState(false);
  const update = usePayloadMutation(UpdateMySettingsDocument, ['email']);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const { result } = await update.send({ input: { version, email: email.trim() } });
    if (result) {
      setVersion(result.version);
      setSaved(true);
    }
  };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-label="Почта для уведомлений">
      <p>
        {me.fullName} · {me.login} · {me.organisation?.shortName ?? 'без организации'} · {ROLE[me.role]}
      </p>
      <p className="muted">
        На этот адрес Razbor пишет, когда МО направлен акт экспертизы или СМО возвращён отчёт, и каждое утро присылает сводку: задачи, срок которых прошёл или
        наступает, и новые случаи по МО. Оставьте поле пустым, чтобы писем не было.
      </p>
      {saved && <Notice>{email.trim() ? `Письма будут приходить на ${email.trim()}` : 'Письма больше не приходят'}</Notice>}
      <TextField label="Почта для уведомлений" type="email" autoComplete="email" value={email} onChange={setEmail} error={update.errors.byField.email} />
      <FormFooter messages={update.errors.general} busy={update.busy} submitLabel="Сохранить" />
    </form>
  );
}
