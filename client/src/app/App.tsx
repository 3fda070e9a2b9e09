import { lazy, Suspense, type ComponentType } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { Loading } from '../ui/feedback';
import { AppShell } from './AppShell';
import { SessionProvider } from './session';

/**
 * A page loaded when first opened: the sign-in page and «Мои задачи» do not wait for the charts,
 * the spreadsheet import, the forms or the admin pages on a slow line.
 */
function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): ComponentType {
  const Page = lazy<ComponentType>(async () => ({ default: (await load())[name] }));
  return function LazyPage() {
    return (
      <Suspense fallback={<Loading what="Загрузка страницы" />}>
        <Page />
      </Suspense>
    );
  };
}

const LoginPage = lazyPage(() => import('../auth/LoginPage'), 'LoginPage');
const MyTasksPage = lazyPage(() => import('../tasks/MyTasksPage'), 'MyTasksPage');
const CaseListPage = lazyPage(() => import('../cases/CaseListPage'), 'CaseListPage');
const RegisterCasePage = lazyPage(() => import('../cases/RegisterCasePage'), 'RegisterCasePage');
const ImportCasesPage = lazyPage(() => import('../cases/ImportCasesPage'), 'ImportCasesPage');
const CaseCardPage = lazyPage(() => import('../cases/CaseCardPage'), 'CaseCardPage');
const QuarterlyReportPage = lazyPage(() => import('../reports/QuarterlyReportPage'), 'QuarterlyReportPage');
const PlanPage = lazyPage(() => import('../plans/PlanPage'), 'PlanPage');
const ReferralCheckPage = lazyPage(() => import('../referrals/ReferralCheckPage'), 'ReferralCheckPage');
const AdminPage = lazyPage(() => import('../admin/AdminPage'), 'AdminPage');
const MySettingsPage = lazyPage(() => import('../auth/MySettingsPage'), 'MySettingsPage');

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route element={<AppShell />}>
            <Route index element={<MyTasksPage />} />
            <Route path="cases" element={<CaseListPage />} />
            <Route path="cases/new" element={<RegisterCasePage />} />
            <Route path="cases/import" element={<ImportCasesPage />} />
            <Route path="cases/:id" element={<CaseCardPage />} />
            <Route path="reports" element={<QuarterlyReportPage />} />
            <Route path="plan" element={<PlanPage />} />
            <Route path="referral-check" element={<ReferralCheckPage />} />
            <Route path="admin/*" element={<AdminPage />} />
            <Route path="settings" element={<MySettingsPage />} />
            <Route path="*" element={<p className="empty">Страница не найдена.</p>} />
          </Route>
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  );
}
