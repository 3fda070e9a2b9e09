import { useNavigate } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { QuarterlyReportFieldsFragment } from '../../generated/graphql';
import { reportCases } from './ReportTables';

type Report = QuarterlyReportFieldsFragment;

const COLOURS = { current: '#1f5fa8', previous: '#9db7d5', money: '#a8431f', fine: '#e0a083', coverage: '#2f7d4f', onTime: '#97c7a9' };

/** Money in charts only: a decimal string becomes a number of roubles for bar length, never stored or summed. */
const roubles = (amount: string) => Number(amount);

function ChartFrame({ title, description, children }: { title: string; description: string; children: React.ReactElement }) {
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div role="img" aria-label={description} style={{ width: '100%', height: 260 }}>
        <ResponsiveContainer>{children}</ResponsiveContainer>
      </div>
    </figure>
  );
}

export function ReportCharts({ report }: { report: Report }) {
  const navigate = useNavigate();
  const of = reportCases(report);
  /** A bar opens the cases it counts, as the same figure in the tables does (the tables serve the keyboard). */
  const opens = (link: (index: number) => string) => ({ cursor: 'pointer', onClick: (_: unknown, index: number) => void navigate(link(index)) });
  const mo = (list: ReadonlyArray<{ key: string }>) => (index: number) => ({ moId: list[index].key });
  const byMo = report.refusals.byMo.map((r) => ({ name: r.label, current: r.count, previous: r.previousCount ?? 0 }));
  const causes = report.reviews.rootCauses.map((r) => ({ name: r.label, current: r.count }));
  const amounts = report.expertise.amountsByMo.map((r) => ({ name: r.label, notPaid: roubles(r.amountNotPaid), fine: roubles(r.fine) }));
  const coverage = report.reviews.coverageByMo.map((r) => ({ name: r.label, coverage: r.coveragePercent ?? 0, onTime: r.onTimePercent ?? 0 }));
  const trend = [
    { name: 'Прошлый квартал', refusals: report.refusals.previousTotal },
    { name: `${report.quarter} кв. ${report.year}`, refusals: report.refusals.total },
  ];
  return (
    <div className="charts">
      <ChartFrame title="Отказы по МО: этот и прошлый квартал" description={byMo.map((r) => `${r.name}: ${r.current} (было ${r.previous})`).join('; ')}>
        <BarChart data={byMo}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Bar
            isAnimationActive={false}
            dataKey="current"
            name="этот квартал"
            fill={COLOURS.current}
            {...opens((i) => of.current(mo(report.refusals.byMo)(i)))}
          />
          <Bar
            isAnimationActive={false}
            dataKey="previous"
            name="прошлый квартал"
            fill={COLOURS.previous}
            {...opens((i) => of.previous(mo(report.refusals.byMo)(i)))}
          />
        </BarChart>
      </ChartFrame>
      <ChartFrame title="Динамика отказов" description={trend.map((t) => `${t.name}: ${t.refusals}`).join('; ')}>
        <BarChart data={trend}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Bar
            isAnimationActive={false}
            dataKey="refusals"
            name="отказов"
            fill={COLOURS.current}
            {...opens((i) => (i === 0 ? of.previous({}) : of.current({})))}
          />
        </BarChart>
      </ChartFrame>
      <ChartFrame title="Причины по комиссионным разборам" description={causes.map((c) => `${c.name}: ${c.current}`).join('; ') || 'нет данных'}>
        <BarChart data={causes} layout="vertical" margin={{ left: 120 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="name" width={200} />
          <Tooltip />
          <Bar
            isAnimationActive={false}
            dataKey="current"
            name="случаев"
            fill={COLOURS.current}
            {...opens((i) => of.figure('ROOT_CAUSE', {}, report.reviews.rootCauses[i].key))}
          />
        </BarChart>
      </ChartFrame>
      <ChartFrame title="Суммы по МО, ₽" description={amounts.map((a) => `${a.name}: не оплачено ${a.notPaid}, штраф ${a.fine}`).join('; ') || 'нет данных'}>
        <BarChart data={amounts}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" />
          <YAxis />
          <Tooltip formatter={(value) => `${Number(value).toLocaleString('ru-RU', { minimumFractionDigits: 2 })} ₽`} />
          <Legend />
          <Bar
            isAnimationActive={false}
            dataKey="notPaid"
            name="не оплачено"
            fill={COLOURS.money}
            {...opens((i) => of.figure('AMOUNT_NOT_PAID', mo(report.expertise.amountsByMo)(i)))}
          />
          <Bar
            isAnimationActive={false}
            dataKey="fine"
            name="штрафы"
            fill={COLOURS.fine}
            {...opens((i) => of.figure('FINE', mo(report.expertise.amountsByMo)(i)))}
          />
        </BarChart>
      </ChartFrame>
      <ChartFrame
        title="Охват и своевременность разборов по МО, %"
        description={coverage.map((c) => `${c.name}: охват ${c.coverage}%, в срок ${c.onTime}%`).join('; ') || 'нет данных'}
      >
        <BarChart data={coverage}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" />
          <YAxis domain={[0, 100]} />
          <Tooltip />
          <Legend />
          <Bar
            isAnimationActive={false}
            dataKey="coverage"
            name="охват"
            fill={COLOURS.coverage}
            {...opens((i) => of.figure('REVIEWED', mo(report.reviews.coverageByMo)(i)))}
          />
          <Bar
            isAnimationActive={false}
            dataKey="onTime"
            name="в срок"
            fill={COLOURS.onTime}
            {...opens((i) => of.figure('REVIEWED_ON_TIME', mo(report.reviews.coverageByMo)(i)))}
          />
        </BarChart>
      </ChartFrame>
    </div>
  );
}
