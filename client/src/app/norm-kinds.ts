import { useMemo } from 'react';
import { useQuery } from 'urql';
import { NormKindsDocument } from '../../generated/graphql';

/** The region's kinds of per-capita norm as choices (by code), and a way to read them again after one is added. */
export function useNormKindOptions(): { options: Array<{ value: string; label: string }>; refetch(): void } {
  const [{ data }, reexecute] = useQuery({ query: NormKindsDocument });
  return useMemo(
    () => ({
      options: (data?.normKinds ?? []).map((k) => ({ value: k.code, label: k.name })),
      refetch: () => reexecute({ requestPolicy: 'network-only' }),
    }),
    [data, reexecute],
  );
}
