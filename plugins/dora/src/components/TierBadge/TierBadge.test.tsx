import { render, screen } from '@testing-library/react';
import { TierBadge } from './TierBadge';

describe('TierBadge', () => {
  it.each([
    ['elite', 'Elite', 'rgb(27, 94, 32)'],
    ['low', 'Low', 'rgb(198, 40, 40)'],
  ] as const)('shows %s as %s in its colour', (tier, label, background) => {
    render(<TierBadge tier={tier} />);
    const badge = screen.getByTestId('tier-badge');
    expect(badge).toHaveTextContent(label);
    expect(badge).toHaveStyle({ background });
    expect(badge).toHaveAttribute('data-tier', tier);
  });

  it('is neutral without a tier', () => {
    render(<TierBadge tier={undefined} />);
    expect(screen.getByTestId('tier-badge')).toHaveTextContent('No tier');
    expect(screen.getByTestId('tier-badge')).toHaveAttribute(
      'data-tier',
      'none',
    );
  });
});
