import { BrowserRouter, Route, Routes } from 'react-router';
import { AdminPage } from '../admin/AdminPage';
import { LoginPage } from '../auth/LoginPage';
import { CaseCardPage } from '../cases/CaseCardPage';
import { CaseListPage } from '../cases/CaseListPage';
import { ImportCasesPage } from '../cases/ImportCasesPage';
import { RegisterCasePage } from '../cases/RegisterCasePage';
import { PlanPage } from '../plans/PlanPage';
import { QuarterlyReportPage } from '../reports/QuarterlyReportPage';
import { MyTasksPage } from '../tasks/MyTasksPage';
import { AppShell } from './AppShell';
import { SessionProvider } from './session';
import { ReferralCheckPage } from '../referrals/ReferralCheckPage';
import { MySettingsPage } from '../auth/MySettingsPage';

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
