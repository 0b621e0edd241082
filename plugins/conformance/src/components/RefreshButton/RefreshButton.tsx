import { ReactNode } from 'react';
import { conformanceRefreshPermission } from '@internal/plugin-conformance-common';
import { usePermission } from '@backstage/plugin-permission-react';
import Button, { ButtonProps } from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';

export interface RefreshButtonProps {
  /** The entity whose workloads are judged again. */
  entityRef: string;
  refreshing: boolean;
  onRefresh: () => void;
  children: ReactNode;
  size?: ButtonProps['size'];
  variant?: ButtonProps['variant'];
  color?: ButtonProps['color'];
  startIcon?: ReactNode;
}

export const REFRESH_DENIED =
  'Only the owners of this entity and admins can re-evaluate it: each evaluation reads every cluster with the portal’s credentials.';

/**
 * Re-evaluates one entity's conformance now. The backend refuses the refresh to anyone but
 * the entity's owners and admins (`conformance.refresh`), so for everyone else the button is
 * shown disabled with the reason instead of failing with a 403 after the click. While the
 * policy's answer is loading the button is disabled too.
 */
export function RefreshButton(props: RefreshButtonProps) {
  const { allowed, loading } = usePermission({
    permission: conformanceRefreshPermission,
    resourceRef: props.entityRef,
  });
  const button = (
    <Button
      size={props.size}
      variant={props.variant}
      color={props.color}
      startIcon={props.startIcon}
      disabled={props.refreshing || loading || !allowed}
      onClick={() => props.onRefresh()}
    >
      {props.children}
    </Button>
  );
  if (loading || allowed) return button;
  // A disabled button fires no mouse events, so the tooltip listens on a wrapper.
  return (
    <Tooltip title={REFRESH_DENIED}>
      <span data-testid="refresh-denied">{button}</span>
    </Tooltip>
  );
}
