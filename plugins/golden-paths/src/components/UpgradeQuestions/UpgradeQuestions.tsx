import { useMemo, useState } from 'react';
import {
  extractSchemaFromStep,
  Form,
} from '@backstage/plugin-scaffolder-react/alpha';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import validator from '@rjsf/validator-ajv8';

export type UpgradeAnswers = Record<string, unknown>;

/**
 * The questions a newer template version added, asked before its upgrade starts. Rendered with
 * the scaffolder's own form (rjsf, `ui:*` keys split off as the scaffolder splits a template's
 * parameters), so a question looks and validates as it does at `/create`.
 */
export function UpgradeQuestions(props: {
  /** JSON schema of the new questions, as `GET /service` gives it in `newQuestions`. */
  questions: Record<string, unknown>;
  version: string;
  disabled?: boolean;
  onSubmit: (answers: UpgradeAnswers) => void;
}) {
  const { schema, uiSchema } = useMemo(
    () => extractSchemaFromStep(props.questions as any),
    [props.questions],
  );
  const [formData, setFormData] = useState<UpgradeAnswers>({});
  return (
    <Box mt={2} data-testid="upgrade-questions">
      <Typography variant="body2" color="textSecondary">
        Version {props.version} asks what this service has no recorded answer
        for. The answers are recorded with the upgrade.
      </Typography>
      <Form
        schema={schema}
        uiSchema={uiSchema}
        validator={validator}
        formData={formData}
        onChange={e => setFormData(e.formData)}
        onSubmit={e => props.onSubmit(e.formData)}
        // Errors show under their fields; without a handler rjsf also logs them to the console.
        onError={() => {}}
        disabled={props.disabled}
        showErrorList={false}
        noHtml5Validate
      >
        <Button
          type="submit"
          variant="contained"
          color="primary"
          disabled={props.disabled}
        >
          Upgrade with these answers
        </Button>
      </Form>
    </Box>
  );
}
