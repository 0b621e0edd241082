import { act, render, screen } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { useViewState } from './useViewState';

interface View {
  team?: string;
}
const parse = (p: URLSearchParams): View => ({
  team: p.get('team') || undefined,
});
const serialize = (v: View) =>
  new URLSearchParams(v.team ? { team: v.team } : {});

let setView: (next: View) => void = () => {};
function Probe(props: { replace?: boolean }) {
  const [view, set] = useViewState(parse, serialize, props);
  setView = set;
  const location = useLocation();
  return (
    <>
      <p data-testid="team">{view.team ?? 'none'}</p>
      <p data-testid="search">{location.search}</p>
      <p data-testid="key">{location.key}</p>
    </>
  );
}

describe('useViewState', () => {
  it('reads the view from the URL and writes it back', () => {
    render(
      <MemoryRouter initialEntries={['/page?team=payments']}>
        <Probe />
      </MemoryRouter>,
    );
    expect(screen.getByTestId('team')).toHaveTextContent('payments');
    act(() => setView({ team: 'orders' }));
    expect(screen.getByTestId('team')).toHaveTextContent('orders');
    expect(screen.getByTestId('search')).toHaveTextContent('?team=orders');
    act(() => setView({}));
    expect(screen.getByTestId('team')).toHaveTextContent('none');
    expect(screen.getByTestId('search')).toBeEmptyDOMElement();
  });
});
