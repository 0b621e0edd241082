import type { EvaluatedCheck } from '@internal/plugin-conformance-common';
import ButtonBase from '@material-ui/core/ButtonBase';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { VERDICT_LABELS } from '../../lib/verdicts';
import { VerdictIcon } from '../shared';

function TooltipBody(props: { result: EvaluatedCheck }) {
  const { result } = props;
  return (
    <>
      <Typography variant="subtitle2">
        {VERDICT_LABELS[result.verdict]}
      </Typography>
      {result.exemptionReason && (
        <Typography variant="body2">
          Exempt: {result.exemptionReason}
        </Typography>
      )}
      {result.findings.map((f, i) => (
        <Typography variant="body2" key={i}>
          {f.container ? `${f.container} · ` : ''}
          {f.fieldPath}: {f.message}
        </Typography>
      ))}
    </>
  );
}

/** A verdict icon whose tooltip carries the findings, so the matrix stays compact. */
export function VerdictCell(props: { result?: EvaluatedCheck }) {
  const { result } = props;
  if (!result) {
    return <span aria-label="No result">—</span>;
  }
  return (
    <Tooltip title={<TooltipBody result={result} />} arrow>
      {/* A button so keyboard users can reach the tooltip too. */}
      <ButtonBase disableRipple data-testid={`verdict-${result.checkId}`}>
        <VerdictIcon verdict={result.verdict} fontSize="small" />
      </ButtonBase>
    </Tooltip>
  );
}
