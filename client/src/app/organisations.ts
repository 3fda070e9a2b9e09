import { useMemo } from 'react';
import { useQuery } from 'urql';
import { OrganisationsDocument, type OrganisationFieldsFragment } from '../../generated/graphql';

export interface OrganisationsByKind {
  smos: OrganisationFieldsFragment[];
  mos: OrganisationFieldsFragment[];
  bureaus: OrganisationFieldsFragment[];
  loaded: boolean;
}

/** The organisation reference list, split by kind, for choosers and filters. */
export function useOrganisations(): OrganisationsByKind {
  const [{ data }] = useQuery({ query: OrganisationsDocument, variables: { activeOnly: true }, requestPolicy: 'cache-first' });
  return useMemo(() => {
    const all = data?.organisations ?? [];
    return {
      smos: all.filter((o) => o.kind === 'SMO'),
      mos: all.filter((o) => o.kind === 'MO'),
      bureaus: all.filter((o) => o.kind === 'MSE_BUREAU'),
      loaded: Boolean(data),
    };
  }, [data]);
}

export const organisationOptions = (list: OrganisationFieldsFragment[]) => list.map((o) => ({ value: o.id, label: o.shortName }));
