import '@testing-library/jest-dom';
import { installFixedSizeResizeObserver } from './testUtils';

installFixedSizeResizeObserver();
