import { ReactNode } from 'react';
import { Link } from '@backstage/core-components';

/** A link when there is somewhere to go (the route is mounted), else plain text. */
export function MaybeLink(props: { to?: string; children: ReactNode }) {
  return props.to ? (
    <Link to={props.to}>{props.children}</Link>
  ) : (
    <>{props.children}</>
  );
}
