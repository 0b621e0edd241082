/*
 * Kubernetes label selectors (metav1.LabelSelector), evaluated the way the
 * API server does so a check agrees with what the cluster actually selects.
 */

interface Requirement {
  key?: unknown;
  operator?: unknown;
  values?: unknown;
}

function matchesRequirement(
  req: Requirement,
  labels: Record<string, string>,
): boolean {
  if (typeof req?.key !== 'string') {
    return false;
  }
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const values = Array.isArray(req.values) ? req.values : [];
  switch (req.operator) {
    case 'In':
      return has && values.includes(labels[req.key]);
    case 'NotIn':
      // A pod without the key is selected by NotIn, as in Kubernetes.
      return !has || !values.includes(labels[req.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      // An operator we do not know cannot be shown to match; the API server would reject it anyway.
      return false;
  }
}

/**
 * Whether a selector selects a pod with these labels. An empty selector
 * selects everything; a missing (null) one selects nothing.
 */
export function selectorMatches(
  selector: unknown,
  labels: Record<string, string> | undefined,
): boolean {
  if (typeof selector !== 'object' || selector === null) {
    return false;
  }
  const { matchLabels, matchExpressions } = selector as {
    matchLabels?: unknown;
    matchExpressions?: unknown;
  };
  const podLabels = labels ?? {};
  if (typeof matchLabels === 'object' && matchLabels !== null) {
    for (const [key, value] of Object.entries(matchLabels)) {
      if (podLabels[key] !== value) {
        return false;
      }
    }
  }
  if (Array.isArray(matchExpressions)) {
    return matchExpressions.every(req => matchesRequirement(req, podLabels));
  }
  return true;
}

/**
 * Whether a selector is empty, i.e. selects every pod. A missing one counts as
 * empty because this is for non-pointer selectors such as NetworkPolicy's
 * podSelector, where absent and `{}` decode to the same thing.
 */
export function isEmptySelector(selector: unknown): boolean {
  if (selector === undefined || selector === null) {
    return true;
  }
  if (typeof selector !== 'object') {
    return false;
  }
  const { matchLabels, matchExpressions } = selector as {
    matchLabels?: unknown;
    matchExpressions?: unknown;
  };
  const noLabels =
    matchLabels === undefined ||
    matchLabels === null ||
    (typeof matchLabels === 'object' && Object.keys(matchLabels).length === 0);
  const noExpressions =
    matchExpressions === undefined ||
    matchExpressions === null ||
    (Array.isArray(matchExpressions) && matchExpressions.length === 0);
  return noLabels && noExpressions;
}
