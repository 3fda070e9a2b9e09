import { Link } from 'react-router';
import { useQuery } from 'urql';
import { MyTasksDocument } from '../../generated/graphql';
import { useViewer } from '../app/session';
import { Empty, Loading, RequestError } from '../ui/feedback';
import { formatDate, workingDaysLeft } from '../ui/format';
import { ROLE } from '../ui/labels';

/** The most urgent tasks shown: a backlog of thousands stays a count, not a page the browser cannot draw. */
const SHOWN = 100;

/** The start page: what needs the user's attention, most urgent first (the server orders it). */
export function MyTasksPage() {
  const viewer = useViewer();
  const [{ data, fetching, error }] = useQuery({ query: MyTasksDocument, variables: { first: SHOWN } });
  return (
    <section aria-labelledby="tasks-title">
      <h1 id="tasks-title">Мои задачи</h1>
      <p className="lead">
        {viewer.fullName} ({ROLE[viewer.role]}). Сроки считаются в рабочих днях по производственному календарю.
      </p>
      {error && <RequestError error={error} />}
      {!data && fetching && <Loading what="Загрузка задач" />}
      {data && data.myTasks.length === 0 && <Empty>Срочных задач нет.</Empty>}
      {data && data.myTaskCount > data.myTasks.length && (
        <p className="muted" role="status">
          Показаны {data.myTasks.length} самых срочных из {data.myTaskCount}.
        </p>
      )}
      {data && data.myTasks.length > 0 && (
        <ol className="task-list">
          {data.myTasks.map((task) => (
            <li key={`${task.kind}-${task.link}-${task.title}`} className={task.overdue ? 'task task--overdue' : 'task'}>
              <Link to={task.link}>
                {task.caseNumber && <span className="task__case">{task.caseNumber}</span>}
                <span className="task__title">{task.title}</span>
              </Link>
              <span className="task__due">
                {task.dueOn ? `срок ${formatDate(task.dueOn)}` : 'без срока'}
                {task.workingDaysLeft !== null && task.workingDaysLeft !== undefined && <> · {workingDaysLeft(task.workingDaysLeft)}</>}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
