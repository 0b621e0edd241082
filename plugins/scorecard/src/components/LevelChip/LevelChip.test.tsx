import { render, screen } from '@testing-library/react';
import { LevelChip } from './LevelChip';

describe('LevelChip', () => {
  it('names the level, or says there is none', () => {
    const { rerender } = render(<LevelChip level="silver" />);
    expect(screen.getByText('Silver')).toBeInTheDocument();
    rerender(<LevelChip level={null} />);
    expect(screen.getByText('No level')).toBeInTheDocument();
  });
});
