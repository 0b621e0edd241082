import '@testing-library/jest-dom';
import { installFixedSizeResizeObserver } from '@internal/portal-react/testUtils';

// Charts render real SVG in component tests at 800×260.
installFixedSizeResizeObserver();
