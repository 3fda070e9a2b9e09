import { useQuery } from 'urql';
import { ImprovementPlanDocument, OpenImprovementPlanDocument } from '../../generated/graphql';
import { useViewer } from '../app/session';
import { QuarterPicker, useQuarterParams } from '../app/QuarterPicker';
import { FormMessages, Loading, RequestError } from '../ui/feedback';
import { usePayloadMutation } from '../ui/payload-mutation';
import { PlanItemForm } from './PlanItemForm';
import { PlanItemRow } from './PlanItemRow';

/** The quarterly plan of measures, drawn up by the SMO together with the MOs. */
export function PlanPage() {
  const viewer = useViewer();
  const [choice, choose] = useQuarterParams();
  const isSmo = viewer.role === 'SMO_EXPERT';
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ImprovementPlanDocument,
    variables: { year: choice.year, quarter: choice.quarter, smoId: choice.smoId || undefined },
    pause: !isSmo && !choice.smoId,
  });
  const openPlan = usePayloadMutation(OpenImprovementPlanDocument);
  const refresh = () => refetch({ requestPolicy: 'network-only' });
  const plan = data?.improvementPlan;

  const open = async () => {
    if ((await openPlan.send({ year: choice.year, quarter: choice.quarter })).result) refresh();
  };

  return (
    <section aria-labelledby="plan-page-title">
      <h1 id="plan-page-title">План мероприятий</h1>
      <p className="lead">Составляется СМО вместе с медицинскими организациями по итогам экспертиз квартала; МО согласуют адресованные им пункты.</p>
      <QuarterPicker choice={choice} onChoose={choose} smoLabel={isSmo ? undefined : 'выберите СМО'} />
      <FormMessages messages={openPlan.errors.general} />
      {error && <RequestError error={error} />}
      {!isSmo && !choice.smoId && <p className="muted">Выберите СМО, чтобы увидеть её план.</p>}
      {fetching && !data && <Loading what="Загрузка плана" />}
      {data && !plan && (
        <div className="panel">
          <p>
            План на {choice.quarter} квартал {choice.year} ещё не открыт.
          </p>
          {isSmo && (
            <button type="button" onClick={() => void open()}>
              Открыть план квартала (невыполненные пункты прошлого квартала перенесутся)
            </button>
          )}
        </div>
      )}
      {plan && (
        <>
          <h2>
            {plan.smo.shortName}: {plan.quarter} квартал {plan.year}
          </h2>
          {plan.items.length === 0 ? (
            <p className="muted">{viewer.role === 'MO_COMMISSION' ? 'Пунктов, адресованных вашей МО, нет.' : 'Пунктов пока нет.'}</p>
          ) : (
            <ul className="plan-items">
              {plan.items.map((item) => (
                <PlanItemRow key={item.id} planId={plan.id} item={item} viewer={viewer} onChanged={refresh} />
              ))}
            </ul>
          )}
          {isSmo && <PlanItemForm planId={plan.id} onDone={refresh} />}
        </>
      )}
    </section>
  );
}
