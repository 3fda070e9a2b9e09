import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { QuarterlyReportDocument } from '../../generated/graphql';
import { organisationOptions, useOrganisations } from '../app/organisations';
import { useViewer } from '../app/session';
import { DownloadButton } from '../ui/DownloadButton';
import { Loading, RequestError } from '../ui/feedback';
import { SelectField } from '../ui/fields';
import { formatDate } from '../ui/format';
import { ReportCharts } from './ReportCharts';
import { ExpertiseSummary, PlanSummary, RefusalsSection, ReviewsSummary } from './ReportTables';
import { ReportStatuses, Submissions } from './Submissions';

/** Reports are drawn up after a quarter ends: the page opens on the last finished quarter. */
function lastFinishedQuarter(today = new Date()): { year: number; quarter: number } {
  const current = Math.floor(today.getMonth() / 3) + 1;
  return current === 1 ? { year: today.getFullYear() - 1, quarter: 4 } : { year: today.getFullYear(), quarter: current - 1 };
}

const QUARTERS = [1, 2, 3, 4].map((q) => ({ value: String(q), label: `${q} квартал` }));

export function QuarterlyReportPage() {
  const viewer = useViewer();
  const [params, setParams] = useSearchParams();
  const fallback = lastFinishedQuarter();
  const year = Number(params.get('year')) || fallback.year;
  const quarter = Number(params.get('quarter')) || fallback.quarter;
  const smoId = params.get('smo') ?? '';
  const choose = (change: Record<string, string>) => setParams({ year: String(year), quarter: String(quarter), ...(smoId ? { smo: smoId } : {}), ...change });
  const readsAll = viewer.role === 'MONITORING' || viewer.role === 'ADMIN';
  const { smos } = useOrganisations();
  const years = Array.from({ length: 4 }, (_, i) => String(new Date().getFullYear() - i)).map((y) => ({ value: y, label: y }));

  const [{ data, fetching, error }] = useQuery({ query: QuarterlyReportDocument, variables: { year, quarter, smoId: smoId || undefined } });
  const report = data?.quarterlyReport;
  const fileQuery = new URLSearchParams({ year: String(year), quarter: String(quarter), ...(smoId ? { smoId } : {}) });

  return (
    <section aria-labelledby="report-title">
      <h1 id="report-title">Квартальный отчёт</h1>
      <form className="filters" aria-label="Период отчёта" onSubmit={(e) => e.preventDefault()}>
        <SelectField label="Год" value={String(year)} options={years} onChange={(y) => choose({ year: y })} />
        <SelectField label="Квартал" value={String(quarter)} options={QUARTERS} onChange={(q) => choose({ quarter: q })} />
        {readsAll && (
          <SelectField
            label="СМО"
            value={smoId}
            options={organisationOptions(smos)}
            placeholder="все СМО вместе"
            onChange={(s) => setParams({ year: String(year), quarter: String(quarter), ...(s ? { smo: s } : {}) })}
          />
        )}
      </form>
      {readsAll && <ReportStatuses year={year} quarter={quarter} onPick={(s) => choose({ smo: s })} />}
      {error && <RequestError error={error} />}
      {!report && fetching && <Loading what="Расчёт отчёта" />}
      {report && (
        <>
          <div className="page-title">
            <h2>
              {report.smoName ?? 'Все СМО'}: {quarter} квартал {year} ({formatDate(report.periodFrom)} — {formatDate(report.periodTo)})
            </h2>
            <div className="actions">
              <DownloadButton url={`/reports/quarterly.xlsx?${fileQuery}`} fileName={`otchet-${year}-q${quarter}.xlsx`}>
                Скачать XLSX
              </DownloadButton>
              <DownloadButton url={`/reports/quarterly.docx?${fileQuery}`} fileName={`otchet-${year}-q${quarter}.docx`}>
                Скачать DOCX (сопроводительное письмо)
              </DownloadButton>
            </div>
          </div>
          {viewer.role === 'MO_COMMISSION' && <p className="muted">Показатели вашей медицинской организации.</p>}
          <ReportCharts report={report} />
          <RefusalsSection report={report} />
          <ExpertiseSummary report={report} />
          <ReviewsSummary report={report} />
          <PlanSummary report={report} />
        </>
      )}
      {viewer.role !== 'MO_COMMISSION' && <Submissions period={{ year, quarter, smoId }} viewer={viewer} />}
    </section>
  );
}
