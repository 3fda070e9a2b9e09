import { useQuery } from 'urql';
import { isValidIcd10 } from '../../../server/shared/identifiers';
import { DiagnosesDocument } from '../../generated/graphql';

/**
 * What МКБ-10 calls a typed code, as a hint beside the field: its name, or that the МКБ-10 in force
 * has no current code like it (the server refuses it on saving, with the reason).
 */
export function useDiagnosisHint(code: string): string | undefined {
  const typed = code.trim().toUpperCase();
  const complete = isValidIcd10(typed);
  const [{ data }] = useQuery({ query: DiagnosesDocument, variables: { search: typed, first: 1 }, pause: !complete });
  if (!complete || !data) return undefined;
  const found = data.diagnoses.find((d) => d.code === typed);
  return found ? found.name : 'нет такого действующего кода в МКБ-10';
}
