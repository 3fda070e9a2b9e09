import { useSearchParams } from 'react-router';
import { previousQuarter, quarterOf, type YearQuarter } from '../../../server/shared/calendar-quarters';
import { organisationOptions, useOrganisations } from './organisations';
import { SelectField } from '../ui/fields';

/** Reports and plans are drawn up after a quarter ends: pages open on the last finished quarter. */
function lastFinishedQuarter(): YearQuarter {
  const { year, quarter } = quarterOf(new Date());
  return previousQuarter(year, quarter);
}

export interface QuarterChoice {
  year: number;
  quarter: number;
  /** Empty: the viewer's own SMO, or all SMOs for the fund. */
  smoId: string;
}

/** The period (and SMO) of a report or plan page, kept in the URL so a link opens the same view. */
export function useQuarterParams(): [QuarterChoice, (change: Partial<QuarterChoice>) => void] {
  const [params, setParams] = useSearchParams();
  const fallback = lastFinishedQuarter();
  const choice: QuarterChoice = {
    year: Number(params.get('year')) || fallback.year,
    quarter: Number(params.get('quarter')) || fallback.quarter,
    smoId: params.get('smo') ?? '',
  };
  const choose = (change: Partial<QuarterChoice>) => {
    const next = { ...choice, ...change };
    setParams({ year: String(next.year), quarter: String(next.quarter), ...(next.smoId ? { smo: next.smoId } : {}) });
  };
  return [choice, choose];
}

const QUARTERS = [1, 2, 3, 4].map((q) => ({ value: String(q), label: `${q} квартал` }));

export function QuarterPicker({ choice, onChoose, smoLabel }: { choice: QuarterChoice; onChoose(change: Partial<QuarterChoice>): void; smoLabel?: string }) {
  const { smos } = useOrganisations();
  const years = Array.from({ length: 4 }, (_, i) => String(new Date().getFullYear() - i)).map((y) => ({ value: y, label: y }));
  return (
    <form className="filters" aria-label="Период" onSubmit={(e) => e.preventDefault()}>
      <SelectField label="Год" value={String(choice.year)} options={years} onChange={(y) => onChoose({ year: Number(y) })} />
      <SelectField label="Квартал" value={String(choice.quarter)} options={QUARTERS} onChange={(q) => onChoose({ quarter: Number(q) })} />
      {smoLabel !== undefined && (
        <SelectField label="СМО" value={choice.smoId} options={organisationOptions(smos)} placeholder={smoLabel} onChange={(smoId) => onChoose({ smoId })} />
      )}
    </form>
  );
}
