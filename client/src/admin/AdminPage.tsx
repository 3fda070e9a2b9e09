import { NavLink, Route, Routes } from 'react-router';
import { useViewer } from '../app/session';
import { Empty } from '../ui/feedback';
import { ExaminationMappingAdmin } from './ExaminationMappingAdmin';
import { NormsAdmin } from './NormsAdmin';
import { OrganisationsAdmin } from './OrganisationsAdmin';
import { ReferenceAdmin } from './ReferenceAdmin';
import { RootCausesAdmin } from './RootCausesAdmin';
import { UsersAdmin } from './UsersAdmin';

/** The administrator's reference data: users, organisations, root causes, norms, catalogue, calendar. */
export function AdminPage() {
  const viewer = useViewer();
  if (viewer.role !== 'ADMIN') return <Empty>Раздел доступен администратору.</Empty>;
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Администрирование</h1>
      <nav className="tabs" aria-label="Справочники">
        <NavLink to="/admin" end>
          Пользователи
        </NavLink>
        <NavLink to="/admin/organisations">Организации</NavLink>
        <NavLink to="/admin/causes">Причины</NavLink>
        <NavLink to="/admin/norms">Нормативы</NavLink>
        <NavLink to="/admin/reference">Перечень и календарь</NavLink>
        <NavLink to="/admin/examinations">Обследования: коды НМУ</NavLink>
      </nav>
      <Routes>
        <Route index element={<UsersAdmin />} />
        <Route path="organisations" element={<OrganisationsAdmin />} />
        <Route path="causes" element={<RootCausesAdmin />} />
        <Route path="norms" element={<NormsAdmin />} />
        <Route path="reference" element={<ReferenceAdmin />} />
        <Route path="examinations" element={<ExaminationMappingAdmin />} />
      </Routes>
    </section>
  );
}
