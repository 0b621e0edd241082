import { render, screen } from '@testing-library/react';
import { QueuedNote } from './QueuedNote';

describe('QueuedNote', () => {
  it('renders nothing when every service is up to date', () => {
    const { container } = render(<QueuedNote queued={0} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('counts the services still being updated, singular and plural', () => {
    const { rerender } = render(<QueuedNote queued={1} />);
    expect(screen.getByTestId('queued-note')).toHaveTextContent(
      /^1 service still being updated$/,
    );
    rerender(<QueuedNote queued={12} />);
    expect(screen.getByTestId('queued-note')).toHaveTextContent(
      /^12 services still being updated$/,
    );
  });
});
