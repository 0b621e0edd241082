import { Route, Routes } from 'react-router-dom';
import { SloDetailPage } from '../SloDetailPage';
import { SloListPage } from '../SloListPage';

/**
 * The page extension's element, mounted at `<path>/*`: the list at its root
 * and one SLO at `slo?id=` (see routes.ts).
 */
export function SloPage() {
  return (
    <Routes>
      <Route path="/" element={<SloListPage />} />
      <Route path="/slo" element={<SloDetailPage />} />
    </Routes>
  );
}
