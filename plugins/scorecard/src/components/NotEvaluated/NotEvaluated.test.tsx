import { screen } from '@testing-library/react';
import { renderWithApi } from '../../__testUtils__/render';
import { FakeScorecardApi } from '../../__testUtils__/fakeApi';
import { NotEvaluated } from './NotEvaluated';

describe('NotEvaluated', () => {
  it('says how often entities are evaluated, as the backend is configured', async () => {
    const api = new FakeScorecardApi([]);
    api.schedule = 'every 2 minutes';
    await renderWithApi(<NotEvaluated />, api);
    expect(
      await screen.findByText(
        'The scorecard is evaluated every 2 minutes; this entity has no result yet.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/15 minutes/)).not.toBeInTheDocument();
  });

  it('still says it is not evaluated when the schedule cannot be read', async () => {
    await renderWithApi(
      <NotEvaluated />,
      new FakeScorecardApi([], undefined, new Error('down')),
    );
    expect(
      await screen.findByText(
        'The scorecard is evaluated on a schedule; this entity has no result yet.',
      ),
    ).toBeInTheDocument();
  });
});
