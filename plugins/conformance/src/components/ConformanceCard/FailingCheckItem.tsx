import { useState } from 'react';
import { CodeSnippet } from '@backstage/core-components';
import type { CheckDescriptor } from '@internal/plugin-conformance-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Collapse from '@material-ui/core/Collapse';
import Typography from '@material-ui/core/Typography';
import { CheckOccurrence, workloadLabel } from '../../lib/verdicts';
import { SeverityChip } from '../shared';

/**
 * One failing check: only the first finding is shown because the card is a
 * summary; the Conformance tab lists every finding.
 */
export function FailingCheckItem(props: {
  checkId: string;
  check?: CheckDescriptor;
  occurrences: CheckOccurrence[];
}) {
  const { checkId, check, occurrences } = props;
  const [showFix, setShowFix] = useState(false);
  const first = occurrences[0];
  const finding = first.result.findings[0];
  const severity = check?.severity ?? first.result.severity;

  return (
    <Box component="li" mb={2} data-testid={`failing-check-${checkId}`}>
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="subtitle2" component="h4">
          {check?.title ?? checkId}
        </Typography>
        <SeverityChip severity={severity} />
        <Typography variant="caption" color="textSecondary">
          {occurrences.length === 1
            ? workloadLabel(first.workload)
            : `${occurrences.length} workloads`}
        </Typography>
      </Box>
      {finding && (
        <Typography variant="body2">
          {finding.container && (
            <>
              Container <code>{finding.container}</code>,{' '}
            </>
          )}
          <code>{finding.fieldPath}</code>: {finding.message}
        </Typography>
      )}
      {check && (
        <>
          <Typography variant="body2" color="textSecondary">
            {check.remediation}
          </Typography>
          {check.remediationSnippet && (
            <>
              <Button
                size="small"
                color="primary"
                aria-expanded={showFix}
                onClick={() => setShowFix(v => !v)}
              >
                {showFix ? 'Hide fix' : 'Show fix'}
              </Button>
              <Collapse in={showFix} unmountOnExit>
                <CodeSnippet
                  language="yaml"
                  text={check.remediationSnippet}
                  showCopyCodeButton
                />
              </Collapse>
            </>
          )}
        </>
      )}
    </Box>
  );
}
