import { screen } from '@testing-library/react';
import { FakeDoraApi } from '../../__testUtils__/fakeApi';
import { pending } from '@internal/portal-react/testUtils';
import { renderWithApi } from '../../__testUtils__/render';
import { SourceCoverage } from './SourceCoverage';

describe('SourceCoverage', () => {
  it('says per source what arrived, what was attributed and why the rest was not', async () => {
    renderWithApi(<SourceCoverage />);
    const lines = await screen.findAllByTestId('coverage-source');
    expect(lines.map(l => l.textContent)).toEqual([
      'GitHub webhooks: 1,200 received, 1,150 attributed, ignored 40 not-counted, 8 unattributed, 2 refused',
      'CDEvents: nothing received',
    ]);
    expect(screen.getByTestId('coverage-link')).toHaveAttribute(
      'href',
      'http://localhost:7007/api/dora/coverage',
    );
  });

  it('shows progress and errors', async () => {
    const api = new FakeDoraApi();
    api.getCoverage.mockReturnValueOnce(pending());
    const { unmount } = renderWithApi(<SourceCoverage />, { api });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    unmount();
    api.getCoverage.mockRejectedValueOnce(new Error('store down'));
    renderWithApi(<SourceCoverage />, { api });
    expect(await screen.findByRole('alert')).toHaveTextContent('store down');
  });
});
