import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { RegisterRefusalCaseDocument } from '../../generated/graphql';
import { useViewer } from '../app/session';
import { Empty } from '../ui/feedback';
import { usePayloadMutation } from '../ui/payload-mutation';
import { NO_ERRORS } from '../ui/user-errors';
import { CASE_FORM_FIELDS, EMPTY_CASE_FORM, toCaseInput, type CaseFormValues } from './case-form-model';
import { CaseForm } from './CaseForm';

export function RegisterCasePage() {
  const viewer = useViewer();
  const navigate = useNavigate();
  const register = usePayloadMutation(RegisterRefusalCaseDocument, CASE_FORM_FIELDS);
  // One key per filled form: a double click or a retry after a lost answer registers one case.
  const idempotencyKey = useRef(crypto.randomUUID());

  if (viewer.role !== 'SMO_EXPERT') return <Empty>Случаи регистрируют эксперты СМО.</Empty>;

  const submit = async (values: CaseFormValues) => {
    const { result, errors } = await register.send({ input: { ...toCaseInput(values), idempotencyKey: idempotencyKey.current } });
    if (!result) return errors;
    void navigate(`/cases/${result.id}`, { state: { notice: `Случай ${result.number} зарегистрирован` } });
    return NO_ERRORS;
  };

  return (
    <section aria-labelledby="register-title">
      <h1 id="register-title">Регистрация случая отказа</h1>
      <p className="lead">Случай отказа бюро МСЭ в освидетельствовании из-за неполного обследования застрахованного лица вашей СМО.</p>
      <CaseForm initial={EMPTY_CASE_FORM} submitLabel="Зарегистрировать" onSubmit={submit} onCancel={() => navigate('/cases')} />
    </section>
  );
}
