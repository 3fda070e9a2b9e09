import { useMemo } from 'react';
import { useQuery } from 'urql';
import { OrganisationsDocument, type OrganisationFieldsFragment } from '../../generated/graphql';

export interface OrganisationsByKind {
  smos: OrganisationFieldsFragment[];
  mos: OrganisationFieldsFragment[];
  bureaus: OrganisationFieldsFragment[];
  funds: OrganisationFieldsFragment[];
  all: OrganisationFieldsFragment[];
  loaded: boolean;
}

/** The organisation reference list, split by kind, for choosers and filters (active ones unless asked). */
export function useOrganisations(activeOnly = true): OrganisationsByKind & { refetch(): void } {
  const [{ data }, reexecute] = useQuery({ query: OrganisationsDocument, variables: { activeOnly }, requestPolicy: 'cache-first' });
  return useMemo(() => {
    const all = data?.organisations ?? [];
    return {
      smos: all.filter((o) => o.kind === 'SMO'),
      mos: all.filter((o) => o.kind === 'MO'),
      bureaus: all.filter((o) => o.kind === 'MSE_BUREAU'),
      funds: all.filter((o) => o.kind === 'FUND'),
      all,
      loaded: Boolean(data),
      refetch: () => reexecute({ requestPolicy: 'network-only' }),
    };
  }, [data, reexecute]);
}

/** Choices by short name, with the fund's registry code when there is one (typing either finds it in the list). */
export const organisationOptions = (list: OrganisationFieldsFragment[]) =>
  list.map((o) => ({ value: o.id, label: o.registryCode ? `${o.shortName} (${o.registryCode})` : o.shortName }));
