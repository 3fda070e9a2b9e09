import { useQuery } from 'urql';
import { QuarterlyReportDocument } from '../../generated/graphql';
import { useViewer } from '../app/session';
import { DownloadButton } from '../ui/DownloadButton';
import { Loading, RequestError } from '../ui/feedback';
import { formatDate } from '../ui/format';
import { QuarterPicker, useQuarterParams } from '../app/QuarterPicker';
import { ReportCharts } from './ReportCharts';
import { ExaminationsSection, ExpertiseSummary, PlanSummary, ReferralsSection, RefusalsSection, ReviewsSummary } from './ReportTables';
import { ReportStatuses, Submissions } from './Submissions';

export function QuarterlyReportPage() {
  const viewer = useViewer();
  const [choice, choose] = useQuarterParams();
  const { year, quarter, smoId } = choice;
  const readsAll = viewer.role === 'MONITORING' || viewer.role === 'ADMIN';

  const [{ data, fetching, error }] = useQuery({ query: QuarterlyReportDocument, variables: { year, quarter, smoId: smoId || undefined } });
  const report = data?.quarterlyReport;
  const fileQuery = new URLSearchParams({ year: String(year), quarter: String(quarter), ...(smoId ? { smoId } : {}) });

  return (
    <section aria-labelledby="report-title">
      <h1 id="report-title">Квартальный отчёт</h1>
      <QuarterPicker choice={choice} onChoose={choose} smoLabel={readsAll ? 'все СМО вместе' : undefined} />
      {readsAll && <ReportStatuses year={year} quarter={quarter} onPick={(s) => choose({ smoId: s })} />}
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
          <ExaminationsSection report={report} />
          <ReferralsSection report={report} />
          <ExpertiseSummary report={report} />
          <ReviewsSummary report={report} />
          <PlanSummary report={report} />
        </>
      )}
      {viewer.role !== 'MO_COMMISSION' && <Submissions period={{ year, quarter, smoId }} viewer={viewer} />}
    </section>
  );
}
